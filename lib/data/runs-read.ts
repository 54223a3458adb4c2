import "server-only";
// Reads of runs: the filtered, keyset-paginated list (its page query is in
// runs-page-query.ts) and single runs.
import type { Db } from "../db";
import { encodeCursor, type RunFilters } from "../domain/run-filters";
import { deriveRunStatus, runDurationMs, type RunStatus } from "../domain/status";
import { formatPathspec } from "../domain/pathspec";
import { sql, join, toNumber, toNullableNumber } from "./sql";
import { findRun, runKey } from "./resolve";
import { listRunIds } from "./runs-page-query";

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

const isTrue = (v: unknown) => v === true || v === 1 || v === 1n;

/** Hand-written SQL: Prisma's relation loading cost more than the list query itself. */
export async function runsByIds(db: Db, ids: number[], now = Date.now()): Promise<RunSummary[]> {
  if (!ids.length) return [];
  const [rows, tags] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT id, flow_name, run_number, run_id, user_name, created_ts, last_heartbeat_ts, finished_ts, end_status, origin_run_id
      FROM runs WHERE id IN (${join(ids)})`),
    db.$queryRaw<{ run_id: unknown; tag: string; system: unknown }[]>(sql`
      SELECT run_id, tag, system FROM run_tags WHERE run_id IN (${join(ids)})`),
  ]);
  const tagsOf = new Map<number, RunRow["tags"]>();
  for (const t of tags) {
    const id = toNumber(t.run_id);
    if (!tagsOf.has(id)) tagsOf.set(id, []);
    tagsOf.get(id)!.push({ tag: t.tag, system: isTrue(t.system) });
  }
  const byId = new Map<number, RunRow>();
  for (const r of rows) {
    const id = toNumber(r.id);
    byId.set(id, {
      id, flowName: r.flow_name as string, runNumber: toNumber(r.run_number), runId: r.run_id as string | null,
      userName: r.user_name as string, createdTs: toNumber(r.created_ts), lastHeartbeatTs: toNullableNumber(r.last_heartbeat_ts),
      finishedTs: toNullableNumber(r.finished_ts), endStatus: r.end_status as string | null, originRunId: r.origin_run_id as string | null,
      tags: tagsOf.get(id) ?? [],
    });
  }
  return ids.flatMap((id) => (byId.has(id) ? [toSummary(byId.get(id)!, now)] : []));
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
