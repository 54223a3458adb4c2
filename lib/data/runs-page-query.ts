import "server-only";
// One page of the runs list as ids, newest first, by keyset. Hand-written SQL
// for both databases, shaped so that a page costs about the same whether the
// database holds a thousand runs or a million (lib/bench/list.ts measures it;
// tests/integration/runs-query-plan.test.ts pins the plans).
import { dialectOf, type Db } from "../db";
import { requiredTags, type RunFilters } from "../domain/run-filters";
import { namespaceKind } from "../domain/namespace";
import { HEARTBEAT_WINDOW_S, type RunStatus } from "../domain/status";
import { sql, join, empty, Prisma, tagPrefixRange, toNumber } from "./sql";
import { indexHint, queryInIndexOrder } from "./dialect";
import { queryRows } from "./driver";

export type RunIdsPage = { ids: number[]; last?: { ts: number; id: number }; more: boolean };

/** Oldest first: the start order ascending (every other order reads newest first within its values). */
const ascending = (f: RunFilters) => f.sort?.key === "start" && f.sort.dir === "asc";

/** `r` is the runs table alias. */
export function statusCondition(status: RunStatus, nowMs: number, r: Prisma.Sql): Prisma.Sql {
  const alive = Math.floor(nowMs / 1000) - HEARTBEAT_WINDOW_S;
  switch (status) {
    case "completed":
      return sql`${r}.end_status = 'completed'`;
    case "running":
      return sql`(${r}.end_status = 'retrying' OR (${r}.end_status IS NULL AND ${r}.last_heartbeat_ts >= ${alive}))`;
    case "failed":
      return sql`(${r}.end_status = 'failed' OR (${r}.end_status IS NULL AND (${r}.last_heartbeat_ts IS NULL OR ${r}.last_heartbeat_ts < ${alive})))`;
  }
}

/**
 * Running runs are few whatever the size of the database: read them from the
 * (end_status, last_heartbeat_ts) index, one branch per way of running, rather
 * than scanning a namespace for the handful that are.
 */
function runningRuns(nowMs: number): Prisma.Sql {
  const alive = Math.floor(nowMs / 1000) - HEARTBEAT_WINDOW_S;
  return sql`(SELECT id, created_ts, flow_id FROM runs WHERE end_status IS NULL AND last_heartbeat_ts >= ${alive}
    UNION ALL SELECT id, created_ts, flow_id FROM runs WHERE end_status = 'retrying') d`;
}

/**
 * Flow and user filters match names case-insensitively: "predictionflow" is
 * PredictionFlow, "Anne" is anne. An exact name wins; otherwise the one name
 * that differs only in case; otherwise the name as typed (which matches nothing).
 */
export async function withRecordedNames(db: Db, f: RunFilters): Promise<RunFilters> {
  if (f.flow === undefined && f.user === undefined) return f;
  const pick = (rows: { name: string }[], typed: string) =>
    rows.find((r) => r.name === typed)?.name ?? (rows.length === 1 ? rows[0].name : typed);
  const [flow, user] = await Promise.all([
    f.flow === undefined ? undefined : db.$queryRaw<{ name: string }[]>(sql`
      SELECT name FROM flows WHERE name = ${f.flow} OR LOWER(name) = LOWER(${f.flow}) LIMIT 3`).then((rows) => pick(rows, f.flow!)),
    // Only the user: range of tag_stats is read.
    f.user === undefined ? undefined : db.$queryRaw<{ name: string }[]>(sql`
      SELECT tag AS name FROM tag_stats WHERE ${tagPrefixRange("user:")} AND LOWER(tag) = LOWER(${`user:${f.user}`}) AND run_count > 0 LIMIT 3`)
      .then((rows) => pick(rows.map((r) => ({ name: r.name.slice("user:".length) })), f.user!)),
  ]);
  return { ...f, flow, user };
}

/**
 * Runs a page query so that PostgreSQL reads it in index order and stops at the
 * LIMIT. Its planner multiplies the selectivities of the (created_ts, run_id)
 * probe columns, which always match together, so it believes a handful of rows
 * match and would hash whole tag ranges (with parallel workers) and sort them;
 * without hash joins it walks the indexes in order (nested loops, or a merge
 * join that also comes out in order). The settings are local to this transaction,
 * which a plain index range (no subquery to join) does not need.
 */
export async function inListOrder<T>(db: Db, query: Prisma.Sql, joins: boolean): Promise<T[]> {
  return joins ? queryInIndexOrder<T>(db, dialectOf(db), query) : queryRows<T>(db, query);
}

// Tag counts only order the tags (which range to read, which probe first), so
// a count a minute old serves as well as a fresh one and saves a round trip.
const COUNT_TTL_MS = 60_000;
const MAX_CACHED = 10_000;
const countCache = new WeakMap<Db, Map<string, { count: number; at: number }>>();

/** Tags rarest first; null when some tag is on no run (by a fresh count). One tag needs no look-up. */
async function byRarity(db: Db, tags: string[]): Promise<string[] | null> {
  if (tags.length < 2) return tags;
  let cache = countCache.get(db);
  if (!cache) countCache.set(db, (cache = new Map()));
  const now = Date.now();
  const stale = tags.filter((t) => !(now - (cache.get(t)?.at ?? -Infinity) < COUNT_TTL_MS));
  if (stale.length) {
    const stats = await db.$queryRaw<{ tag: string; run_count: unknown }[]>(sql`
      SELECT tag, run_count FROM tag_stats WHERE tag IN (${join(stale)})`);
    const fresh = new Map(stats.map((s) => [s.tag, toNumber(s.run_count)]));
    if (stale.some((t) => !((fresh.get(t) ?? 0) > 0))) return null;
    if (cache.size > MAX_CACHED) cache.clear();
    for (const [tag, count] of fresh) cache.set(tag, { count, at: now });
  }
  const count = (t: string) => cache.get(t)!.count;
  return [...tags].sort((a, b) => count(a) - count(b) || (a < b ? -1 : 1));
}

/**
 * The page is read from the most selective source: the running runs; else,
 * for a user/production namespace and a tag, their (owner, tag) range; else
 * the range of the rarest required tag; else all runs. The other required
 * tags are probed rarest first, so most candidates fall at the first probe.
 * SQLite's planner has no statistics unless someone runs ANALYZE, and then
 * guesses: the indexes are named (INDEXED BY) so its plan never depends on it.
 */
export async function listRunIds(db: Db, f: RunFilters, now = Date.now()): Promise<RunIdsPage> {
  const rows = await pageRows(db, f, now);
  const more = rows.length > f.limit;
  const found = rows.slice(0, f.limit);
  return { ids: found.map((r) => r.id), last: found.at(-1), more };
}

/** Up to limit + 1 rows of the page in list order (one more than the page says whether another follows). */
export async function pageRows(db: Db, f: RunFilters, now: number): Promise<{ id: number; ts: number }[]> {
  const page = await runIdsQuery(db, f, now);
  if (!page) return [];
  const rows = await inListOrder<{ id: unknown; ts: unknown }>(db, page.query, page.joins);
  return rows.map((r) => ({ id: toNumber(r.id), ts: toNumber(r.ts) }));
}

/** The page query (ids and created_ts), or null when nothing can match; exported for the plan tests. */
export async function runIdsQuery(db: Db, filters: RunFilters, now: number): Promise<{ query: Prisma.Sql; joins: boolean } | null> {
  const f = await withRecordedNames(db, filters);
  const required = requiredTags(f);
  const running = f.status === "running";
  const byFlow = f.flow !== undefined;
  const owner = running || byFlow || required.length < 2 ? undefined : required.find((t) => namespaceKind(t) !== "tag");
  // Running runs are few: their tags are probed in any order, no choice to make.
  const tags = running ? required : await byRarity(db, required.filter((t) => t !== owner));
  if (!tags) return null;
  const pin = (index: string) => indexHint(dialectOf(db), index);
  const driver = running ? undefined : tags[0];
  const id = driver ? sql`d.run_id` : sql`d.id`;
  const from = running ? runningRuns(now)
    : owner ? sql`run_tags d${pin("run_tags_owner_tag_created_ts_run_id_idx")}`
    : driver ? sql`run_tags d${pin(byFlow ? "run_tags_tag_flow_id_created_ts_run_id_idx" : "run_tags_tag_created_ts_run_id_idx")}`
    : sql`runs d${pin(byFlow ? "runs_flow_id_created_ts_id_idx" : "runs_created_ts_id_idx")}`;

  const conditions: Prisma.Sql[] = [];
  // Subqueries PostgreSQL turns into joins (see inListOrder).
  let joins = running || !!owner;
  const exists = (subquery: Prisma.Sql, negate = false) => {
    joins = true;
    conditions.push(sql`${negate ? Prisma.raw("NOT ") : empty}EXISTS (${subquery})`);
  };
  if (driver && !owner) conditions.push(sql`d.tag = ${driver}`);
  if (byFlow) conditions.push(sql`d.flow_id = (SELECT id FROM flows WHERE name = ${f.flow})`);
  const asc = ascending(f);
  const dir = Prisma.raw(asc ? "ASC" : "DESC");
  if (f.cursor) {
    // The redundant bound lets both planners start the index range at the cursor.
    const [bound, past] = [Prisma.raw(asc ? ">=" : "<="), Prisma.raw(asc ? ">" : "<")];
    conditions.push(sql`d.created_ts ${bound} ${f.cursor.ts}`);
    conditions.push(sql`(d.created_ts ${past} ${f.cursor.ts} OR (d.created_ts = ${f.cursor.ts} AND ${id} ${past} ${f.cursor.id}))`);
  }
  if (f.since !== undefined) conditions.push(sql`d.created_ts >= ${f.since}`);
  if (f.until !== undefined) conditions.push(sql`d.created_ts < ${f.until}`);
  // Probes of the (tag, created_ts, run_id) index (run_tags copies the run's
  // created_ts): a page's successive probes land on neighbouring entries.
  for (const t of tags) {
    if (t === driver) continue;
    exists(sql`SELECT 1 FROM run_tags x${pin("run_tags_tag_created_ts_run_id_idx")}
      WHERE x.tag = ${t} AND x.created_ts = d.created_ts AND x.run_id = ${id}`);
  }
  if (f.anyTags.length) exists(sql`SELECT 1 FROM run_tags x WHERE x.run_id = ${id} AND x.tag IN (${join(f.anyTags)})`);
  if (f.notTags.length) exists(sql`SELECT 1 FROM run_tags x WHERE x.run_id = ${id} AND x.tag IN (${join(f.notTags)})`, true);
  if (f.status && !running) {
    if (driver) exists(sql`SELECT 1 FROM runs r WHERE r.id = d.run_id AND ${statusCondition(f.status, now, Prisma.raw("r"))}`);
    else conditions.push(statusCondition(f.status, now, Prisma.raw("d")));
  }
  const select = (extra: Prisma.Sql[]) => {
    const all = [...extra, ...conditions];
    return sql`SELECT ${id} AS id, d.created_ts AS ts FROM ${from} ${all.length ? sql`WHERE ${join(all, " AND ")}` : empty}
      ORDER BY d.created_ts ${dir}, ${id} ${dir} LIMIT ${f.limit + 1}`;
  };
  if (!owner) return { query: select([]), joins };
  // A user/production namespace and a tag: the (owner, tag) range, where owner
  // is the run's one owner-like tag, plus runs with no single owner that carry
  // both. Exact: a run with one owner-like tag that carries `owner` is owned by
  // it. Each part stops at the page size in index order, then they are merged.
  const owned = select([sql`d.owner = ${owner}`, sql`d.tag = ${driver}`]);
  const shared = select([sql`d.owner IS NULL`, sql`d.tag = ${driver}`, sql`EXISTS (SELECT 1 FROM run_tags x${pin("run_tags_tag_created_ts_run_id_idx")}
    WHERE x.tag = ${owner} AND x.created_ts = d.created_ts AND x.run_id = d.run_id)`]);
  const query = sql`SELECT id, ts FROM (SELECT * FROM (${owned}) a UNION ALL SELECT * FROM (${shared}) b) p
    ORDER BY ts ${dir}, id ${dir} LIMIT ${f.limit + 1}`;
  return { query, joins };
}
