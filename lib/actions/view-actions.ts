"use server";
// Saved views of the runs list: save the current one, rename or delete your own.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "../db";
import { isUserError } from "../errors";
import { currentUser } from "../session";
import { canonicalViewQuery, viewNameSchema } from "../domain/saved-views";
import { createSavedView, deleteSavedView, renameSavedView } from "../data/saved-views";

export type ViewActionResult = { ok: boolean; error?: string; fieldErrors?: { name?: string }; message?: string; id?: number; values?: { name?: string } };

const idSchema = z.coerce.number({ message: "Which view?" }).int().positive();

async function guarded(values: ViewActionResult["values"], fn: () => Promise<ViewActionResult>): Promise<ViewActionResult> {
  try {
    const result = await fn();
    revalidatePath("/views");
    revalidatePath("/");
    return result;
  } catch (e) {
    if (isUserError(e)) return { ok: false, error: e.message, values };
    console.error("[flowdeck] saved view action failed", e);
    return { ok: false, error: "The view could not be saved on the server; please try again.", values };
  }
}

export async function saveViewAction(_prev: ViewActionResult | null, form: FormData): Promise<ViewActionResult> {
  const values = { name: String(form.get("name") ?? "") };
  const name = viewNameSchema.safeParse(values.name);
  if (!name.success) return { ok: false, error: name.error.issues[0].message, fieldErrors: { name: name.error.issues[0].message }, values };
  return guarded(values, async () => {
    const query = canonicalViewQuery(String(form.get("query") ?? ""));
    const view = await createSavedView(await getDb(), await currentUser(), name.data, query);
    return { ok: true, id: view.id, message: `Saved the view "${view.name}".` };
  });
}

export async function renameViewAction(_prev: ViewActionResult | null, form: FormData): Promise<ViewActionResult> {
  const values = { name: String(form.get("name") ?? "") };
  const id = idSchema.safeParse(form.get("id"));
  const name = viewNameSchema.safeParse(values.name);
  if (!id.success) return { ok: false, error: "Which view?", values };
  if (!name.success) return { ok: false, error: name.error.issues[0].message, fieldErrors: { name: name.error.issues[0].message }, values };
  return guarded(values, async () => {
    await renameSavedView(await getDb(), await currentUser(), id.data, name.data);
    return { ok: true, message: `Renamed the view to "${name.data}".` };
  });
}

export async function deleteViewAction(_prev: ViewActionResult | null, form: FormData): Promise<ViewActionResult> {
  const id = idSchema.safeParse(form.get("id"));
  if (!id.success) return { ok: false, error: "Which view?" };
  return guarded({}, async () => {
    await deleteSavedView(await getDb(), await currentUser(), id.data);
    return { ok: true, message: "Deleted the view." };
  });
}
