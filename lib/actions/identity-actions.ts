"use server";
// Local mode only: choose who you act as. In proxy mode the proxy decides.
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authSettings } from "../session";
import { USER_COOKIE, isValidUserName } from "../domain/identity";

export type SwitchUserResult = { ok: boolean; error?: string; fieldErrors?: { user?: string } };

const schema = z.object({
  user: z.string().trim().min(1, "Enter a user name.").max(100, "That name is too long.").refine(isValidUserName, "Use letters, digits and . _ @ + - only."),
});

export async function switchUserAction(_prev: SwitchUserResult | null, form: FormData): Promise<SwitchUserResult> {
  if (authSettings().mode === "proxy") {
    return { ok: false, error: "Your name comes from the sign-in proxy and cannot be changed here." };
  }
  const parsed = schema.safeParse({ user: form.get("user") ?? "" });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message, fieldErrors: { user: parsed.error.issues[0].message } };
  (await cookies()).set(USER_COOKIE, parsed.data.user, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });
  revalidatePath("/", "layout");
  return { ok: true };
}
