import "server-only";
// Saved views: stored per person, listed for everyone.
import type { Db } from "../db";
import { nowMs } from "../clock";
import { UserError } from "../errors";
import { isUniqueViolation } from "./sql";

export type SavedViewRow = { id: number; userName: string; name: string; query: string; updatedTs: number };

export async function listSavedViews(db: Db): Promise<SavedViewRow[]> {
  return db.savedView.findMany({ orderBy: [{ userName: "asc" }, { name: "asc" }], select: { id: true, userName: true, name: true, query: true, updatedTs: true } });
}

export async function getSavedView(db: Db, id: number): Promise<SavedViewRow | null> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return null;
  return db.savedView.findUnique({ where: { id }, select: { id: true, userName: true, name: true, query: true, updatedTs: true } });
}

const taken = (name: string) => new UserError("conflict", `You already have a view named "${name}": choose another name.`);

export async function createSavedView(db: Db, user: string, name: string, query: string): Promise<SavedViewRow> {
  const now = nowMs();
  try {
    return await db.savedView.create({ data: { userName: user, name, query, createdTs: now, updatedTs: now } });
  } catch (e) {
    if (isUniqueViolation(e)) throw taken(name);
    throw e;
  }
}

async function ownView(db: Db, user: string, id: number) {
  const view = await getSavedView(db, id);
  if (!view) throw new UserError("not_found", "That view does not exist (any more).");
  if (view.userName !== user) throw new UserError("forbidden", `"${view.name}" is ${view.userName}'s view: only ${view.userName} can change it.`);
  return view;
}

export async function renameSavedView(db: Db, user: string, id: number, name: string): Promise<void> {
  await ownView(db, user, id);
  try {
    await db.savedView.update({ where: { id }, data: { name, updatedTs: nowMs() } });
  } catch (e) {
    if (isUniqueViolation(e)) throw taken(name);
    throw e;
  }
}

export async function deleteSavedView(db: Db, user: string, id: number): Promise<void> {
  await ownView(db, user, id);
  await db.savedView.delete({ where: { id } });
}
