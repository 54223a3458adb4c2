"use server";
// Remembers the namespace a person chose, under the name they act as (never
// a name sent by the browser). The URL still wins over the remembered one.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "../db";
import { formatNamespace, parseNamespace } from "../domain/namespace";
import { setNamespacePreference } from "../data/preferences";
import { isUserError } from "../errors";
import { currentUser } from "../session";

export type SetNamespaceResult = { ok: boolean; error?: string; fieldErrors?: { namespace?: string } };

const schema = z.object({
  namespace: z.string().trim().min(1, "Choose a namespace.").max(500, "A namespace is at most 500 characters."),
});

export async function setNamespacePreferenceAction(input: { namespace: string }): Promise<SetNamespaceResult> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0].message;
    return { ok: false, error: message, fieldErrors: { namespace: message } };
  }
  try {
    const namespace = formatNamespace(parseNamespace(parsed.data.namespace));
    const user = await currentUser();
    await setNamespacePreference(await getDb(), user, namespace);
  } catch (e) {
    if (isUserError(e)) return { ok: false, error: e.message, fieldErrors: { namespace: e.message } };
    console.error("flowdeck: could not remember the namespace", e);
    return { ok: false, error: "Your choice could not be remembered; the namespace still applies to this page." };
  }
  // Pages opened without ?namespace= now use the remembered one.
  revalidatePath("/", "layout");
  return { ok: true };
}
