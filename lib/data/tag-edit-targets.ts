import "server-only";
// Which runs a bulk tag edit names: every run matching the runs list's
// filters (read on the server, not just the rows a browser has loaded), or
// a list of pathspecs.
import type { Db } from "../db";
import type { RunFilters } from "../domain/run-filters";
import { isNumericId, parsePathspec } from "../domain/pathspec";
import { inListOrder, runIdsQuery } from "./runs-page-query";
import { join, sql, toNumber } from "./sql";
import { asJsonRows, dialectOf, fromJsonRows } from "./dialect";
import { inRange } from "./resolve";

/** Ids of up to `cap` runs matching the filters, newest first (the cursor and page size of `f` are ignored). */
export async function matchingRunIds(db: Db, f: RunFilters, cap: number, now = Date.now()): Promise<number[]> {
  const page = await runIdsQuery(db, { ...f, cursor: undefined, limit: cap }, now);
  if (!page) return [];
  // As one JSON row: up to 100,000 rows would cost Prisma far more to map than the query costs.
  const answer = await inListOrder<{ rows: string | null }>(db, asJsonRows(dialectOf(db), page.query, ["id"]), page.joins);
  return fromJsonRows<[number]>(answer).map(([id]) => id);
}

/** How many runs match, counting no further than `cap` + 1. */
export async function countMatchingRuns(db: Db, f: RunFilters, cap: number, now = Date.now()): Promise<number> {
  const page = await runIdsQuery(db, { ...f, cursor: undefined, limit: cap }, now);
  if (!page) return 0;
  const [row] = await inListOrder<{ n: unknown }>(db, sql`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM (${page.query}) m`, page.joins);
  return toNumber(row.n);
}

const CHUNK = 5000;

/** The database id of each pathspec (Flow/run) that names a run; the others are missing from the map. */
export async function runIdsByPathspec(db: Db, pathspecs: string[]): Promise<Map<string, number>> {
  const byFlow = new Map<string, { numbers: number[]; ids: string[] }>();
  for (const p of pathspecs) {
    const { flow, run } = parsePathspec(p);
    const entry = byFlow.get(flow) ?? { numbers: [], ids: [] };
    byFlow.set(flow, entry);
    if (!isNumericId(run!)) entry.ids.push(run!);
    else if (inRange(run!)) entry.numbers.push(Number(run));
  }
  const found = new Map<string, number>();
  for (const [flow, { numbers, ids }] of byFlow) {
    for (let i = 0; i < Math.max(numbers.length, ids.length); i += CHUNK) {
      const n = numbers.slice(i, i + CHUNK);
      const s = ids.slice(i, i + CHUNK);
      const which = [n.length ? sql`r.run_number IN (${join(n)})` : null, s.length ? sql`r.run_id IN (${join(s)})` : null].filter((x) => x !== null);
      const rows = await db.$queryRaw<{ id: unknown; run_number: unknown; run_id: string | null }[]>(sql`
        SELECT r.id, r.run_number, r.run_id FROM runs r WHERE r.flow_id = (SELECT id FROM flows WHERE name = ${flow})
        AND (${join(which, " OR ")})`);
      for (const r of rows) {
        if (r.run_id !== null) found.set(`${flow}/${r.run_id}`, toNumber(r.id));
        found.set(`${flow}/${toNumber(r.run_number)}`, toNumber(r.id));
      }
    }
  }
  return found;
}
