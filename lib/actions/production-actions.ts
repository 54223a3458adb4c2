"use server";
// The Production screen's actions: deploy (first time, again, with a token),
// generate a new token, grant and revoke authorization, retire. The policy is
// lib/domain/deployment-policy.ts; who acts is the current identity.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "../db";
import { isUserError } from "../errors";
import { currentUser } from "../session";
import { deployFlow, grantDeployAccess, retireDeployment, revokeDeployAccess } from "../data/production-write";
import { deployRequestSchema, flowNameSchema, userNameSchema } from "../domain/deployment-requests";

type Fields = "flow" | "authorizeToken" | "user";
export type ProductionActionResult = {
  ok: boolean;
  error?: string;
  fieldErrors?: Partial<Record<Fields, string>>;
  message?: string;
  /** What was typed, so a refused form keeps it. */
  values?: Partial<Record<Fields, string>>;
};

function refused(e: z.ZodError, values: ProductionActionResult["values"]): ProductionActionResult {
  const fieldErrors: ProductionActionResult["fieldErrors"] = {};
  for (const issue of e.issues) {
    const key = (issue.path[0] === "authorize" ? "authorizeToken" : issue.path[0]) as Fields;
    fieldErrors[key] ??= issue.message;
  }
  return { ok: false, error: "Check the highlighted fields.", fieldErrors, values };
}

async function run(values: ProductionActionResult["values"], what: string, fn: (actor: { user: string; source: "ui" }) => Promise<string>) {
  try {
    const message = await fn({ user: await currentUser(), source: "ui" });
    revalidatePath("/production");
    revalidatePath("/namespaces");
    return { ok: true, message, values: {} };
  } catch (e) {
    // A refusal is recorded in the history, so the page changes either way.
    revalidatePath("/production");
    if (isUserError(e)) return { ok: false, error: e.message, values };
    console.error(`[flowdeck] ${what} failed`, e);
    return { ok: false, error: `The ${what} failed on the server. Nothing was changed; please try again.`, values };
  }
}

const text = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === "string" ? v : undefined;
};

export async function deployFlowAction(_prev: ProductionActionResult | null, form: FormData): Promise<ProductionActionResult> {
  const values = { flow: text(form, "flow") ?? "", authorizeToken: text(form, "authorizeToken") ?? "" };
  const parsed = deployRequestSchema.safeParse({
    flow: values.flow,
    authorize: values.authorizeToken || undefined,
    generateNewToken: text(form, "generateNewToken") === "yes",
  });
  if (!parsed.success) return refused(parsed.error, values);
  const { flow, authorize, generateNewToken } = parsed.data;
  return run(values, "deployment", async (actor) => (await deployFlow(await getDb(), { flow, actor, authorizeToken: authorize, generateNewToken })).message);
}

const accessSchema = z.object({ flow: flowNameSchema, user: userNameSchema });

export async function grantDeployAccessAction(_prev: ProductionActionResult | null, form: FormData): Promise<ProductionActionResult> {
  const values = { flow: text(form, "flow") ?? "", user: text(form, "user") ?? "" };
  const parsed = accessSchema.safeParse(values);
  if (!parsed.success) return refused(parsed.error, values);
  return run(values, "grant", async (actor) => (await grantDeployAccess(await getDb(), parsed.data.flow, parsed.data.user, actor)).message);
}

export async function revokeDeployAccessAction(_prev: ProductionActionResult | null, form: FormData): Promise<ProductionActionResult> {
  const values = { flow: text(form, "flow") ?? "", user: text(form, "user") ?? "" };
  const parsed = accessSchema.safeParse(values);
  if (!parsed.success) return refused(parsed.error, values);
  return run(values, "revocation", async (actor) => (await revokeDeployAccess(await getDb(), parsed.data.flow, parsed.data.user, actor)).message);
}

export async function retireDeploymentAction(_prev: ProductionActionResult | null, form: FormData): Promise<ProductionActionResult> {
  const values = { flow: text(form, "flow") ?? "" };
  const parsed = z.object({ flow: flowNameSchema }).safeParse(values);
  if (!parsed.success) return refused(parsed.error, values);
  return run(values, "retirement", async (actor) => (await retireDeployment(await getDb(), parsed.data.flow, actor)).message);
}
