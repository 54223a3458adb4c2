"use server";
// Tag edits from the dashboard: one run (add, remove, or both at once for a
// rename), and many runs by selection or by filter. Who acts is the current
// identity; every change lands in the audit history with source "ui".
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "../db";
import { isUserError } from "../errors";
import { currentUser } from "../session";
import { namespaceForRequest } from "../namespace-in-effect";
import { runInNamespace } from "../data/run-detail-read";
import { bulkEditTags, mutateRunTags } from "../data/tags-write";
import { userNamespace } from "../domain/namespace";
import { pathspecHref } from "../domain/pathspec";
import { bulkTagEditSchema, describeBulkOutcome, tagChangeSchema, type BulkOutcome, type BulkTagEdit } from "../domain/tag-edit";

export type EditRunTagsResult = {
  ok: boolean;
  error?: string;
  fieldErrors?: { tag?: string };
  tags?: string[];
  systemTags?: string[];
};

export type BulkEditTagsResult = {
  ok: boolean;
  error?: string;
  fieldErrors?: { tag?: string };
  outcome?: BulkOutcome;
  message?: string;
};

const runEditSchema = z
  .object({
    flow: z.string().min(1).max(255),
    run: z.string().min(1).max(255),
    namespace: z.string().max(1000).optional(),
  })
  .and(tagChangeSchema);

const firstMessage = (e: z.ZodError) => e.issues[0]?.message ?? "Check the tag.";

export async function editRunTagsAction(input: {
  flow: string;
  run: string;
  namespace?: string;
  add?: string[];
  remove?: string[];
}): Promise<EditRunTagsResult> {
  const parsed = runEditSchema.safeParse(input);
  if (!parsed.success) {
    const message = firstMessage(parsed.error);
    return { ok: false, error: message, fieldErrors: { tag: message } };
  }
  const { flow, run, namespace, add, remove } = parsed.data;
  try {
    const db = await getDb();
    const ns = await namespaceForRequest(db, namespace);
    await runInNamespace(db, ns.namespace, flow, run);
    const result = await mutateRunTags(db, flow, run, add, remove, { user: ns.user, source: "ui" });
    revalidatePath(pathspecHref({ flow, run }));
    return { ok: true, tags: result.userTags, systemTags: result.systemTags };
  } catch (e) {
    if (isUserError(e)) return { ok: false, error: e.message, fieldErrors: { tag: e.message } };
    console.error("[flowdeck] tag edit failed", e);
    return { ok: false, error: "The tags could not be changed on the server. Nothing was changed; please try again." };
  }
}

export async function bulkEditTagsAction(input: BulkTagEdit): Promise<BulkEditTagsResult> {
  const parsed = bulkTagEditSchema.safeParse(input);
  if (!parsed.success) {
    const message = firstMessage(parsed.error);
    return { ok: false, error: message, fieldErrors: { tag: message } };
  }
  try {
    const user = await currentUser();
    const outcome = await bulkEditTags(await getDb(), parsed.data, { user, source: "ui" }, userNamespace(user));
    if (outcome.changed) revalidatePath("/runs/[flow]/[run]", "page");
    return { ok: true, outcome, message: describeBulkOutcome(parsed.data, outcome) };
  } catch (e) {
    if (isUserError(e)) return { ok: false, error: e.message };
    console.error("[flowdeck] bulk tag edit failed", e);
    return {
      ok: false,
      error: "The bulk edit stopped on the server. Runs it had already changed keep their new tags (each run completely); the Audit page lists them.",
    };
  }
}
