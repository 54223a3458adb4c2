import "server-only";
// Reads of runs: the filtered, keyset-paginated list (its page query is in
// runs-page-query.ts) and single runs.
import type { Db } from "../db";
import { encodeCursor, type RunFilters } from "../domain/run-filters";
import { deriveRunStatus, runDurationMs, type RunStatus } from "../domain/status";
import { formatPathspec } from "../domain/pathspec";
import { sql, join, toNumber, Prisma } from "./sql";
import { runCondition } from "./resolve";
import { queryRows } from "./driver";
import { inListOrder, runIdsQuery } from "./runs-page-query";
import { sortedPageRows } from "./runs-sorted-query";
import { DEFAULT_SORT } from "../domain/run-sort";
import { RUN_COLUMNS, runTagsColumn, toRunRecord, type RunRecord } from "./run-record";

export { listRunIds, statusCondition } from "./runs-page-query";

/** A run as the dashboard shows it: the run read model and what is derived from it. */
export type RunSummary = RunRecord & { pathspec: string; status: RunStatus; durationMs: number | null };

export function toSummary(r: RunRecord, now = Date.now()): RunSummary {
  const status = deriveRunStatus(r, now);
  return { ...r, pathspec: formatPathspec({ flow: r.flow, run: r.key }), status, durationMs: runDurationMs(r, status, now) };
}


export async function runsByIds(db: Db, ids: number[], now = Date.now()): Promise<RunSummary[]> {
  if (!ids.length) return [];
  const rows = await queryRows(db, sql`
    SELECT ${RUN_COLUMNS}, ${runTagsColumn()} FROM runs r WHERE r.id IN (${join(ids)})`);
  const byId = new Map(rows.map((r) => [toNumber(r.id), toRunRecord(r)]));
  return ids.flatMap((id) => (byId.has(id) ? [toSummary(byId.get(id)!, now)] : []));
}

/** One page of runs and the cursor of the next: the page query and the runs' rows in one statement. */
export async function listRuns(db: Db, f: RunFilters, now = Date.now()): Promise<{ runs: RunSummary[]; nextCursor: string | null }> {
  const sort = f.sort ?? DEFAULT_SORT;
  if (sort.key !== "start") {
    const rows = await sortedPageRows(db, f, sort, now);
    const page = rows.slice(0, f.limit);
    const last = page.at(-1);
    return {
      runs: await runsByIds(db, page.map((r) => r.id), now),
      nextCursor: rows.length > f.limit && last ? encodeCursor(last, sort) : null,
    };
  }
  const page = await runIdsQuery(db, f, now);
  if (!page) return { runs: [], nextCursor: null };
  const dir = Prisma.raw(sort.dir === "asc" ? "ASC" : "DESC");
  const rows = await inListOrder<Record<string, unknown>>(db, sql`
    WITH page AS (${page.query})
    SELECT ${RUN_COLUMNS}, ${runTagsColumn()} FROM page p JOIN runs r ON r.id = p.id
    ORDER BY p.ts ${dir}, p.id ${dir}`, page.joins);
  const found = rows.slice(0, f.limit).map(toRunRecord);
  const last = found.at(-1);
  return {
    runs: found.map((r) => toSummary(r, now)),
    nextCursor: rows.length > f.limit && last ? encodeCursor({ ts: last.createdTs, id: last.dbId }, sort) : null,
  };
}

/** One statement through the driver: the run's row and tags, found by its flow's unique name. */
export async function getRun(db: Db, flow: string, run: string, now = Date.now()): Promise<RunSummary | null> {
  const where = runCondition(flow, run);
  if (!where) return null;
  const [row] = await queryRows(db, sql`SELECT ${RUN_COLUMNS}, ${runTagsColumn()} FROM runs r WHERE ${where}`, true);
  return row ? toSummary(toRunRecord(row), now) : null;
}

/** Runs that were resumed from this one (origin-run-id points at it). */
export async function resumedFrom(db: Db, run: RunSummary): Promise<RunSummary[]> {
  const rows = await queryRows(db, sql`
    SELECT ${RUN_COLUMNS}, ${runTagsColumn()} FROM runs r
    WHERE r.flow_name = ${run.flow} AND r.origin_run_id IN (${join([...new Set([run.key, String(run.runNumber)])])})
    ORDER BY r.created_ts DESC LIMIT 50`, true);
  return rows.map((r) => toSummary(toRunRecord(r)));
}
