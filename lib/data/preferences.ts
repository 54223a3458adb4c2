import "server-only";
// A person's remembered namespace.
import type { Db } from "../db";
import { nowMs } from "../clock";

export async function getNamespacePreference(db: Db, userName: string): Promise<string | null> {
  const p = await db.userPreference.findUnique({ where: { userName } });
  return p?.namespace ?? null;
}

export async function setNamespacePreference(db: Db, userName: string, namespace: string) {
  await db.userPreference.upsert({
    where: { userName },
    update: { namespace, updatedTs: nowMs() },
    create: { userName, namespace, updatedTs: nowMs() },
  });
}
