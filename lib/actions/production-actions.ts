"use server";
// Deploy a flow to production, authorize with a token, rotate the token.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "../db";
import { isUserError } from "../errors";
import { currentUser } from "../session";
import { deployFlow } from "../data/production-write";
import { isFlowName } from "../domain/pathspec";

export type DeployActionResult = {
  ok: boolean;
  error?: string;
  fieldErrors?: Partial<Record<"flow" | "authorizeToken", string>>;
  message?: string;
};

const deploySchema = z.object({
  flow: z.string().trim().min(1, "Name the flow to deploy.").max(255)
    .refine(isFlowName, "A flow name has letters, digits and underscores, starting with a letter."),
  authorizeToken: z.string().trim().max(200, "That is too long to be a production token.").optional()
    .transform((v) => v || undefined),
  generateNewToken: z.literal("on").optional(),
});

export async function deployFlowAction(_prev: DeployActionResult | null, form: FormData): Promise<DeployActionResult> {
  const parsed = deploySchema.safeParse({
    flow: form.get("flow") ?? "",
    authorizeToken: form.get("authorizeToken") ?? undefined,
    generateNewToken: form.get("generateNewToken") ?? undefined,
  });
  if (!parsed.success) {
    const fieldErrors: DeployActionResult["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as "flow" | "authorizeToken";
      fieldErrors[key] ??= issue.message;
    }
    return { ok: false, error: "Check the highlighted fields.", fieldErrors };
  }
  try {
    const actor = await currentUser();
    const result = await deployFlow(await getDb(), {
      flow: parsed.data.flow,
      actor,
      authorizeToken: parsed.data.authorizeToken,
      generateNewToken: parsed.data.generateNewToken === "on",
    });
    revalidatePath("/production");
    revalidatePath("/namespaces");
    const what = result.firstDeployment
      ? `Deployed ${parsed.data.flow} for the first time`
      : result.rotated
        ? `Rotated the token of ${parsed.data.flow}`
        : `Redeployed ${parsed.data.flow}`;
    return { ok: true, message: `${what}: its runs go to ${result.namespace}.` };
  } catch (e) {
    if (isUserError(e)) {
      revalidatePath("/production"); // a refusal is recorded in the audit history
      return { ok: false, error: e.message };
    }
    console.error("[flowdeck] deploy failed", e);
    return { ok: false, error: "The deployment failed on the server. Please try again." };
  }
}
