import "server-only";
// The namespaces that exist: users, production tokens and user tags, with
// their run counts and last activity. Read from the tag_stats counters (kept
// in step with run_tags), so the cost depends on the number of distinct tags,
// never on the number of runs.
import type { Db } from "../db";
import { namespaceKind, type NamespaceKind } from "../domain/namespace";

export type NamespaceInfo = { name: string; kind: NamespaceKind; runCount: number; lastActivityTs: number };

export const NAMESPACES_DEFAULT_LIMIT = 1000;
export const NAMESPACES_MAX_LIMIT = 5000;
const KIND_ORDER: Record<NamespaceKind, number> = { user: 0, production: 1, tag: 2 };

export async function listNamespaces(
  db: Db,
  { prefix, limit = NAMESPACES_DEFAULT_LIMIT }: { prefix?: string; limit?: number } = {},
): Promise<{ namespaces: NamespaceInfo[]; truncated: boolean }> {
  const rows = await db.tagStat.findMany({
    where: {
      runCount: { gt: 0 },
      // System tags other than the owner's (runtime:, python_version:, …) are not namespaces.
      OR: [{ system: false }, { tag: { startsWith: "user:" } }, { tag: { startsWith: "production:" } }],
      ...(prefix ? { tag: { startsWith: prefix } } : {}),
    },
    orderBy: [{ runCount: "desc" }, { tag: "asc" }],
    take: limit + 1,
    select: { tag: true, runCount: true, lastTs: true },
  });
  const namespaces = rows
    .slice(0, limit)
    .map((r) => ({ name: r.tag, kind: namespaceKind(r.tag), runCount: r.runCount, lastActivityTs: r.lastTs }))
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.runCount - a.runCount || (a.name < b.name ? -1 : 1));
  return { namespaces, truncated: rows.length > limit };
}
