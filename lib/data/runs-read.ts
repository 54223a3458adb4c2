import "server-only";
// Reads of runs: the filtered, keyset-paginated list and single runs.
// The list drives from the most selective required tag (tag_stats counts)
// through the (tag, created_ts, run_id) index, so a page costs the same
// whether the namespace holds a hundred runs or a million.
import type { Db } from "../db";
import { encodeCursor, requiredTags, type RunFilters } from "../domain/run-filters";
import { deriveRunStatus, runDurationMs, HEARTBEAT_WINDOW_S, type RunStatus } from "../domain/status";
import { formatPathspec } from "../domain/pathspec";
import { sql, join, empty, Prisma, toNumber } from "./sql";
import { findRun, runKey } from "./resolve";

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

export async function runsByIds(db: Db, ids: number[], now = Date.now()): Promise<RunSummary[]> {
  if (!ids.length) return [];
  const rows = await db.run.findMany({ where: { id: { in: ids } }, select: runSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [toSummary(byId.get(id)!, now)] : []));
}

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

/** The ids of one page of runs matching the filters, newest first. */
export async function listRunIds(db: Db, f: RunFilters, now = Date.now()): Promise<{ ids: number[]; last?: { ts: number; id: number }; more: boolean }> {
  const required = requiredTags(f);
  let driver: string | undefined;
  if (required.length) {
    const stats = await db.tagStat.findMany({ where: { tag: { in: required } }, select: { tag: true, runCount: true } });
    if (stats.length < required.length || stats.some((s) => s.runCount <= 0)) return { ids: [], more: false };
    driver = stats.reduce((a, b) => (b.runCount < a.runCount ? b : a)).tag;
  }
  let flowId: number | undefined;
  if (f.flow) {
    const flow = await db.flow.findUnique({ where: { name: f.flow }, select: { id: true } });
    if (!flow) return { ids: [], more: false };
    flowId = flow.id;
  }
  const id = driver ? sql`d.run_id` : sql`d.id`;
  const conditions: Prisma.Sql[] = [];
  if (driver) conditions.push(sql`d.tag = ${driver}`);
  if (flowId !== undefined) conditions.push(sql`d.flow_id = ${flowId}`);
  if (f.cursor) conditions.push(sql`(d.created_ts < ${f.cursor.ts} OR (d.created_ts = ${f.cursor.ts} AND ${id} < ${f.cursor.id}))`);
  if (f.since !== undefined) conditions.push(sql`d.created_ts >= ${f.since}`);
  if (f.until !== undefined) conditions.push(sql`d.created_ts < ${f.until}`);
  for (const t of required) {
    if (t !== driver) conditions.push(sql`EXISTS (SELECT 1 FROM run_tags x WHERE x.run_id = ${id} AND x.tag = ${t})`);
  }
  if (f.anyTags.length) {
    conditions.push(sql`EXISTS (SELECT 1 FROM run_tags x WHERE x.run_id = ${id} AND x.tag IN (${join(f.anyTags)}))`);
  }
  if (f.notTags.length) {
    conditions.push(sql`NOT EXISTS (SELECT 1 FROM run_tags x WHERE x.run_id = ${id} AND x.tag IN (${join(f.notTags)}))`);
  }
  let from = driver ? sql`run_tags d` : sql`runs d`;
  if (f.status) {
    if (driver) from = sql`run_tags d JOIN runs r ON r.id = d.run_id`;
    conditions.push(statusCondition(f.status, now, driver ? Prisma.raw("r") : Prisma.raw("d")));
  }
  const where = conditions.length ? sql`WHERE ${join(conditions, " AND ")}` : empty;
  const rows = await db.$queryRaw<{ id: unknown; ts: unknown }[]>(sql`
    SELECT ${id} AS id, d.created_ts AS ts FROM ${from} ${where}
    ORDER BY d.created_ts DESC, ${id} DESC LIMIT ${f.limit + 1}`);
  const more = rows.length > f.limit;
  const page = rows.slice(0, f.limit).map((r) => ({ id: toNumber(r.id), ts: toNumber(r.ts) }));
  return { ids: page.map((r) => r.id), last: page.at(-1), more };
}

export async function listRuns(db: Db, f: RunFilters, now = Date.now()) {
  const { ids, last, more } = await listRunIds(db, f, now);
  const runs = await runsByIds(db, ids, now);
  return { runs, nextCursor: more && last ? encodeCursor(last) : null };
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
