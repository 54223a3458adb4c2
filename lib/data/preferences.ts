import "server-only";
// A person's remembered namespace.
import type { Db } from "../db";
import { nowMs } from "../clock";
import { queryRows } from "./driver";
import { sql } from "./sql";

/** Read by every page's header: with the driver, not a Prisma call. */
export async function getNamespacePreference(db: Db, userName: string): Promise<string | null> {
  const [p] = await queryRows<{ namespace: string }>(db, sql`SELECT namespace FROM user_preferences WHERE user_name = ${userName}`, true);
  return p?.namespace ?? null;
}

export async function setNamespacePreference(db: Db, userName: string, namespace: string) {
  await db.userPreference.upsert({
    where: { userName },
    update: { namespace, updatedTs: nowMs() },
    create: { userName, namespace, updatedTs: nowMs() },
  });
}
