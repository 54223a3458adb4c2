import "server-only";
// The namespaces that exist: users, production tokens and user tags, with
// their run counts and last activity. Read from the tag_stats counters (kept
// in step with run_tags), so the cost depends on the number of distinct tags,
// never on the number of runs: users and production tokens are prefix ranges
// of the primary key, user tags the most used first along the run_count index.
import type { Db } from "../db";
import { namespaceKind, type NamespaceKind } from "../domain/namespace";
import { sql, tagPrefixRange, toNumber, Prisma } from "./sql";

export type NamespaceInfo = { name: string; kind: NamespaceKind; runCount: number; lastActivityTs: number };

export const NAMESPACES_DEFAULT_LIMIT = 200;
export const NAMESPACES_MAX_LIMIT = 5000;
const KIND_ORDER: Record<NamespaceKind, number> = { user: 0, production: 1, tag: 2 };

type Row = { tag: string; run_count: unknown; last_ts: unknown };



async function rows(db: Db, where: Prisma.Sql, limit: number): Promise<Row[]> {
  return db.$queryRaw<Row[]>(sql`
    SELECT tag, run_count, last_ts FROM tag_stats WHERE ${where} AND run_count > 0
    ORDER BY run_count DESC, tag ASC LIMIT ${limit}`);
}

/**
 * Every user and production namespace (as many as `limit` of each), and the
 * `limit` most used user tags; `prefix` narrows all three.
 */
export async function listNamespaces(
  db: Db,
  { prefix = "", limit = NAMESPACES_DEFAULT_LIMIT }: { prefix?: string; limit?: number } = {},
): Promise<{ namespaces: NamespaceInfo[]; truncated: boolean }> {
  const owner = (p: string) => (prefix.startsWith(p) || p.startsWith(prefix) ? tagPrefixRange(prefix.length > p.length ? prefix : p) : null);
  const queries = [owner("user:"), owner("production:")].map((range) => (range ? rows(db, range, limit + 1) : Promise.resolve([])));
  const tagWhere = prefix ? sql`${tagPrefixRange(prefix)} AND system = ${false}` : sql`system = ${false}`;
  queries.push(rows(db, tagWhere, limit + 1));
  const results = await Promise.all(queries);
  const seen = new Set<string>();
  const namespaces: NamespaceInfo[] = [];
  for (const r of results.flatMap((rs) => rs.slice(0, limit))) {
    if (seen.has(r.tag) || !r.tag.startsWith(prefix)) continue;
    seen.add(r.tag);
    namespaces.push({ name: r.tag, kind: namespaceKind(r.tag), runCount: toNumber(r.run_count), lastActivityTs: toNumber(r.last_ts) });
  }
  namespaces.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.runCount - a.runCount || (a.name < b.name ? -1 : 1));
  return { namespaces, truncated: results.some((rs) => rs.length > limit) };
}

/** How many runs are in a namespace named by a tag (user:…, production:…, any tag). */
export async function runCountOf(db: Db, tag: string): Promise<number> {
  const stat = await db.tagStat.findUnique({ where: { tag }, select: { runCount: true } });
  return stat?.runCount ?? 0;
}
