import "server-only";
// The runs list in the orders other than by start (lib/domain/run-sort.ts says
// what each one means): up to limit + 1 rows of the page, each with its sort
// value for the next cursor.
// - status, flow, user: value by value in order, each value's runs read by the
//   start-order page query with that value as one more filter, so they use the
//   very indexes (and plans) of the filtered list, newest first. A run with
//   several user tags is listed under the first of them.
// - duration: the (finished_ts - created_ts, id) index walked in order, the
//   filters probed per row; then the runs with no finish time from the
//   (finished_ts, created_ts, id) index, newest first.
import { dialectOf, type Db } from "../db";
import { requiredTags, type RunFilters } from "../domain/run-filters";
import { DEFAULT_SORT, type GroupedKey, type RunSort } from "../domain/run-sort";
import { RUN_STATUSES } from "../domain/status";
import { namespaceKind } from "../domain/namespace";
import { sql, join, Prisma, tagPrefixRange, toNumber, toNullableNumber } from "./sql";
import { indexHint, queryInIndexOrder, type Dialect } from "./dialect";
import { pageRows, statusCondition, withRecordedNames } from "./runs-page-query";

export type SortedRow = { id: number; ts: number; value: number | string | null };

export async function sortedPageRows(db: Db, f: RunFilters, sort: RunSort, now: number): Promise<SortedRow[]> {
  return sort.key === "duration" ? durationRows(db, f, sort, now) : groupedRows(db, f, sort as RunSort & { key: GroupedKey }, now);
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The values in list order; null stands for "no user tag", which comes last either way. */
async function groupValues(db: Db, f: RunFilters, sort: RunSort & { key: GroupedKey }): Promise<(string | null)[]> {
  const given = sort.key === "status" ? f.status : sort.key === "flow" ? f.flow : f.user;
  if (given !== undefined) return [given];
  let values: string[];
  if (sort.key === "status") values = [...RUN_STATUSES].sort(byCodeUnits);
  else if (sort.key === "flow") values = (await db.$queryRaw<{ name: string }[]>(sql`SELECT name FROM flows`)).map((r) => r.name).sort(byCodeUnits);
  else values = (await userTagsIn(db, f)).map((t) => t.slice("user:".length)).sort(byCodeUnits);
  if (sort.dir === "desc") values.reverse();
  // In a user namespace every run carries its user tag: no run lacks one.
  return sort.key === "user" && f.namespace.kind !== "global" && f.namespace.tag.startsWith("user:") ? values : [...values, ...(sort.key === "user" ? [null] : [])];
}

/**
 * The user tags runs in the namespace may carry. In a user or production
 * namespace a run with another user tag has two owner-like tags, so its tag
 * rows have no owner: only the namespace's own user and the user tags of such
 * rows can have runs there, and each group read is one that finds some.
 */
async function userTagsIn(db: Db, f: RunFilters): Promise<string[]> {
  if (f.namespace.kind === "global" || namespaceKind(f.namespace.tag) === "tag") return userTags(db);
  const rows = await db.$queryRaw<{ tag: string }[]>(sql`
    SELECT DISTINCT tag FROM run_tags WHERE owner IS NULL AND ${tagPrefixRange("user:")}`);
  const own = f.namespace.tag.startsWith("user:") ? [f.namespace.tag] : [];
  return [...new Set([...own, ...rows.map((r) => r.tag)])];
}

async function userTags(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ tag: string }[]>(sql`SELECT tag FROM tag_stats WHERE ${tagPrefixRange("user:")} AND run_count > 0`);
  return rows.map((r) => r.tag);
}

async function groupedRows(db: Db, f: RunFilters, sort: RunSort & { key: GroupedKey }, now: number): Promise<SortedRow[]> {
  const values = await groupValues(db, f, sort);
  let first = 0;
  if (f.cursor) {
    // The cursor's value, or where it would stand (a value that has no runs any more).
    const c = (f.cursor.value ?? null) as string | null;
    const rank = (v: string | null) => (v === null ? 1 : 0);
    const before = (v: string | null) => rank(v) < rank(c) || (rank(v) === rank(c) && v !== null && c !== null &&
      (sort.dir === "asc" ? v < c : v > c));
    while (first < values.length && before(values[first])) first++;
  }
  const out: SortedRow[] = [];
  // A run with several user tags is listed under the first of them (code-unit order), once.
  const users = sort.key === "user" && f.user === undefined ? (await userTagsIn(db, f)).sort(byCodeUnits) : [];
  const allUsers = sort.key === "user" && values.includes(null) ? (await userTags(db)) : [];
  const earlierUsers = (name: string) => users.filter((t) => t < `user:${name}`);
  for (const value of values.slice(first)) {
    const inValue: RunFilters = {
      ...f, sort: DEFAULT_SORT, limit: f.limit - out.length,
      cursor: f.cursor && (f.cursor.value ?? null) === value ? { ts: f.cursor.ts, id: f.cursor.id } : undefined,
      ...(sort.key === "status" ? { status: value as RunFilters["status"] }
        : sort.key === "flow" ? { flow: value! }
        : value === null ? { notTags: [...f.notTags, ...allUsers] } : { user: value, notTags: [...f.notTags, ...earlierUsers(value)] }),
    };
    const rows = await pageRows(db, inValue, now);
    out.push(...rows.map((r) => ({ ...r, value })));
    if (out.length > f.limit) break;
  }
  return out;
}

const DURATION = Prisma.raw("(d.finished_ts - d.created_ts)");

async function durationRows(db: Db, filters: RunFilters, sort: RunSort, now: number): Promise<SortedRow[]> {
  const f = await withRecordedNames(db, filters);
  const dialect = dialectOf(db);
  const read = async (query: Prisma.Sql) =>
    (await queryInIndexOrder<{ id: unknown; ts: unknown; value: unknown }>(db, dialect, query, { noSort: true }))
      .map((r) => ({ id: toNumber(r.id), ts: toNumber(r.ts), value: toNullableNumber(r.value) }));
  const { finished, unfinished } = durationQueries(dialect, f, sort, now);
  const out = finished ? await read(finished) : [];
  if (out.length > f.limit) return out;
  return [...out, ...await read(unfinished(f.limit + 1 - out.length))];
}

/** The two parts of a page by duration (names already resolved); exported for the plan tests. */
export function durationQueries(dialect: Dialect, f: RunFilters, sort: RunSort, now: number) {
  const pin = (index: string) => indexHint(dialect, index);
  const conditions: Prisma.Sql[] = [];
  // Each required tag probed at the run's (tag, created_ts, run_id) entry.
  for (const t of requiredTags(f)) {
    conditions.push(sql`EXISTS (SELECT 1 FROM run_tags x${pin("run_tags_tag_created_ts_run_id_idx")}
      WHERE x.tag = ${t} AND x.created_ts = d.created_ts AND x.run_id = d.id)`);
  }
  if (f.anyTags.length) conditions.push(sql`EXISTS (SELECT 1 FROM run_tags x WHERE x.run_id = d.id AND x.tag IN (${join(f.anyTags)}))`);
  if (f.notTags.length) conditions.push(sql`NOT EXISTS (SELECT 1 FROM run_tags x WHERE x.run_id = d.id AND x.tag IN (${join(f.notTags)}))`);
  if (f.flow !== undefined) conditions.push(sql`d.flow_id = (SELECT id FROM flows WHERE name = ${f.flow})`);
  if (f.status) conditions.push(statusCondition(f.status, now, Prisma.raw("d")));
  if (f.since !== undefined) conditions.push(sql`d.created_ts >= ${f.since}`);
  if (f.until !== undefined) conditions.push(sql`d.created_ts < ${f.until}`);
  const where = (extra: Prisma.Sql[]) => sql`WHERE ${join([...extra, ...conditions], " AND ")}`;

  const c = f.cursor;
  let finished: Prisma.Sql | undefined;
  if (!c || typeof c.value === "number") {
    const dir = Prisma.raw(sort.dir === "asc" ? "ASC" : "DESC");
    const [bound, past] = [Prisma.raw(sort.dir === "asc" ? ">=" : "<="), Prisma.raw(sort.dir === "asc" ? ">" : "<")];
    const after = c ? [sql`${DURATION} ${bound} ${c.value}`, sql`(${DURATION} ${past} ${c.value} OR (${DURATION} = ${c.value} AND d.id ${past} ${c.id}))`] : [];
    finished = sql`SELECT d.id AS id, d.created_ts AS ts, ${DURATION} AS value FROM runs d${pin("runs_duration_id_idx")}
      ${where([sql`${DURATION} IS NOT NULL`, ...after])} ORDER BY ${DURATION} ${dir}, d.id ${dir} LIMIT ${f.limit + 1}`;
  }
  const after = c && c.value === null ? [sql`d.created_ts <= ${c.ts}`, sql`(d.created_ts < ${c.ts} OR (d.created_ts = ${c.ts} AND d.id < ${c.id}))`] : [];
  const unfinished = (limit: number) => sql`SELECT d.id AS id, d.created_ts AS ts, NULL AS value FROM runs d${pin("runs_finished_ts_created_ts_id_idx")}
    ${where([sql`d.finished_ts IS NULL`, ...after])} ORDER BY d.created_ts DESC, d.id DESC LIMIT ${limit}`;
  return { finished, unfinished };
}
