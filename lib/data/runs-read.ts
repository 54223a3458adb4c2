import "server-only";
// Reads of runs: the filtered, keyset-paginated list (its page query is in
// runs-page-query.ts) and single runs.
import { dialectOf, type Db } from "../db";
import { encodeCursor, type RunFilters } from "../domain/run-filters";
import { deriveRunStatus, runDurationMs, type RunStatus } from "../domain/status";
import { formatPathspec } from "../domain/pathspec";
import { isTrue, sql, join, toNumber, toNullableNumber } from "./sql";
import { findRun, runKey } from "./resolve";
import { inListOrder, runIdsQuery } from "./runs-page-query";
import { runTagsJson } from "./dialect";

export { listRunIds, statusCondition } from "./runs-page-query";

export type RunSummary = {
  dbId: number;
  flow: string;
  runNumber: number;
  runId: string | null;
  key: string;
  pathspec: string;
  userName: string;
  createdTs: number;
  lastHeartbeatTs: number | null;
  finishedTs: number | null;
  status: RunStatus;
  durationMs: number | null;
  tags: string[];
  systemTags: string[];
  originRunId: string | null;
};

type RunRow = {
  id: number; flowName: string; runNumber: number; runId: string | null; userName: string; createdTs: number;
  lastHeartbeatTs: number | null; finishedTs: number | null; endStatus: string | null; originRunId: string | null;
  tags: { tag: string; system: boolean }[];
};

export function toSummary(r: RunRow, now = Date.now()): RunSummary {
  const status = deriveRunStatus(r, now);
  const key = runKey(r);
  const tags = r.tags.filter((t) => !t.system).map((t) => t.tag).sort();
  const systemTags = r.tags.filter((t) => t.system).map((t) => t.tag).sort();
  return {
    dbId: r.id, flow: r.flowName, runNumber: r.runNumber, runId: r.runId, key,
    pathspec: formatPathspec({ flow: r.flowName, run: key }), userName: r.userName, createdTs: r.createdTs,
    lastHeartbeatTs: r.lastHeartbeatTs, finishedTs: r.finishedTs, status, durationMs: runDurationMs(r, status, now),
    tags, systemTags, originRunId: r.originRunId,
  };
}

const runSelect = {
  id: true, flowName: true, runNumber: true, runId: true, userName: true, createdTs: true, lastHeartbeatTs: true,
  finishedTs: true, endStatus: true, originRunId: true, tags: { select: { tag: true, system: true } },
} as const;


// Runs with their tags in one statement, as plain SQL: each Prisma call costs
// about a millisecond of client time (more than these queries), so a page is
// read in as few calls as possible. `r` is the runs alias.
const RUN_COLUMNS = sql`r.id, r.flow_name, r.run_number, r.run_id, r.user_name, r.created_ts, r.last_heartbeat_ts,
  r.finished_ts, r.end_status, r.origin_run_id`;

const tagsJson = (db: Db) => sql`${runTagsJson(dialectOf(db), sql`r.id`)} AS tags`;

function toRow(r: Record<string, unknown>): RunRow {
  const tags = (JSON.parse((r.tags as string | null) ?? "[]") as [string, unknown][]).map(([tag, system]) => ({ tag, system: isTrue(system) }));
  return {
    id: toNumber(r.id), flowName: r.flow_name as string, runNumber: toNumber(r.run_number), runId: r.run_id as string | null,
    userName: r.user_name as string, createdTs: toNumber(r.created_ts), lastHeartbeatTs: toNullableNumber(r.last_heartbeat_ts),
    finishedTs: toNullableNumber(r.finished_ts), endStatus: r.end_status as string | null, originRunId: r.origin_run_id as string | null,
    tags,
  };
}

export async function runsByIds(db: Db, ids: number[], now = Date.now()): Promise<RunSummary[]> {
  if (!ids.length) return [];
  const rows = await db.$queryRaw<Record<string, unknown>[]>(sql`
    SELECT ${RUN_COLUMNS}, ${tagsJson(db)} FROM runs r WHERE r.id IN (${join(ids)})`);
  const byId = new Map(rows.map((r) => [toNumber(r.id), toRow(r)]));
  return ids.flatMap((id) => (byId.has(id) ? [toSummary(byId.get(id)!, now)] : []));
}

/** One page of runs and the cursor of the next: the page query and the runs' rows in one statement. */
export async function listRuns(db: Db, f: RunFilters, now = Date.now()): Promise<{ runs: RunSummary[]; nextCursor: string | null }> {
  const page = await runIdsQuery(db, f, now);
  if (!page) return { runs: [], nextCursor: null };
  const rows = await inListOrder<Record<string, unknown>>(db, sql`
    WITH page AS (${page.query})
    SELECT ${RUN_COLUMNS}, ${tagsJson(db)} FROM page p JOIN runs r ON r.id = p.id
    ORDER BY p.ts DESC, p.id DESC`, page.joins);
  const found = rows.slice(0, f.limit).map(toRow);
  const last = found.at(-1);
  return {
    runs: found.map((r) => toSummary(r, now)),
    nextCursor: rows.length > f.limit && last ? encodeCursor({ ts: last.createdTs, id: last.id }) : null,
  };
}

export async function getRun(db: Db, flow: string, run: string, now = Date.now()): Promise<RunSummary | null> {
  const r = await findRun(db, flow, run);
  if (!r) return null;
  const [summary] = await runsByIds(db, [r.id], now);
  return summary ?? null;
}

/** Runs that were resumed from this one (origin-run-id points at it). */
export async function resumedFrom(db: Db, run: RunSummary): Promise<RunSummary[]> {
  const rows = await db.run.findMany({
    where: { flowName: run.flow, originRunId: { in: [run.key, String(run.runNumber)] } },
    select: runSelect,
    orderBy: { createdTs: "desc" },
    take: 50,
  });
  return rows.map((r) => toSummary(r));
}
