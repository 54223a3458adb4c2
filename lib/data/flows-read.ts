import "server-only";
// Flows as seen from a namespace: a flow is in N when at least one of its runs
// is; its latest run is the newest run in N (Metaflow's latest_run). Each
// flow's newest runs are one index range scan — (tag, flow_id, created_ts) on
// run_tags, (flow_id, created_ts) on runs — all flows in one statement.
import type { Db } from "../db";
import { notFound } from "../errors";
import type { Namespace } from "../domain/namespace";
import type { RunFilters } from "../domain/run-filters";
import { deriveRunStatus, type RunStatus } from "../domain/status";
import { formatPathspec } from "../domain/pathspec";
import { listRuns, runsByIds, type RunSummary } from "./runs-read";
import { findFlow, runKey } from "./resolve";
import { join, sql, toNullableNumber, toNumber, Prisma } from "./sql";

export const STATUS_HISTORY_LENGTH = 10;

export type FlowSummary = {
  name: string;
  latestRun: RunSummary | null;
  /** The newest runs in the namespace, newest first. */
  history: { key: string; pathspec: string; status: RunStatus; createdTs: number }[];
};

async function flowsInNamespace(db: Db, ns: Namespace): Promise<{ id: number; name: string }[]> {
  // One index probe per flow.
  const rows = await db.$queryRaw<{ id: unknown; name: string }[]>(
    ns.kind === "global"
      ? sql`SELECT f.id, f.name FROM flows f WHERE EXISTS (SELECT 1 FROM runs r WHERE r.flow_id = f.id)`
      : sql`SELECT f.id, f.name FROM flows f WHERE EXISTS (SELECT 1 FROM run_tags t WHERE t.tag = ${ns.tag} AND t.flow_id = f.id)`,
  );
  return rows.map((r) => ({ id: toNumber(r.id), name: r.name }));
}

type HistoryRow = {
  id: unknown; flow_id: unknown; run_number: unknown; run_id: string | null; created_ts: unknown;
  end_status: string | null; last_heartbeat_ts: unknown; finished_ts: unknown;
};

/** The newest `n` runs in the namespace of each flow, newest first. */
async function newestRunsPerFlow(db: Db, ns: Namespace, flowIds: number[], n: number): Promise<HistoryRow[]> {
  if (!flowIds.length) return [];
  const perFlow = (flowId: number): Prisma.Sql =>
    ns.kind === "global"
      ? sql`SELECT * FROM (SELECT d.id AS run_db_id FROM runs d WHERE d.flow_id = ${flowId}
          ORDER BY d.created_ts DESC, d.id DESC LIMIT ${n}) AS p${Prisma.raw(String(flowId))}`
      : sql`SELECT * FROM (SELECT d.run_id AS run_db_id FROM run_tags d WHERE d.tag = ${ns.tag} AND d.flow_id = ${flowId}
          ORDER BY d.created_ts DESC, d.run_id DESC LIMIT ${n}) AS p${Prisma.raw(String(flowId))}`;
  return db.$queryRaw<HistoryRow[]>(sql`
    SELECT r.id, r.flow_id, r.run_number, r.run_id, r.created_ts, r.end_status, r.last_heartbeat_ts, r.finished_ts
    FROM (${join(flowIds.map(perFlow), " UNION ALL ")}) AS newest JOIN runs r ON r.id = newest.run_db_id
    ORDER BY r.flow_id, r.created_ts DESC, r.id DESC`);
}

export async function listFlowsInNamespace(db: Db, ns: Namespace, now = Date.now()): Promise<FlowSummary[]> {
  const flows = await flowsInNamespace(db, ns);
  const rows = await newestRunsPerFlow(db, ns, flows.map((f) => f.id), STATUS_HISTORY_LENGTH);
  const byFlow = new Map<number, HistoryRow[]>();
  for (const r of rows) byFlow.set(toNumber(r.flow_id), [...(byFlow.get(toNumber(r.flow_id)) ?? []), r]);
  // Full summaries (tags included) only for each flow's latest run.
  const latest = await runsByIds(db, flows.flatMap((f) => (byFlow.get(f.id)?.length ? [toNumber(byFlow.get(f.id)![0].id)] : [])), now);
  const latestById = new Map(latest.map((r) => [r.dbId, r]));
  const summaries = flows.map((f): FlowSummary => {
    const own = byFlow.get(f.id) ?? [];
    return {
      name: f.name,
      latestRun: own.length ? latestById.get(toNumber(own[0].id)) ?? null : null,
      history: own.map((r) => {
        const key = runKey({ runId: r.run_id, runNumber: toNumber(r.run_number) });
        const status = deriveRunStatus({ endStatus: r.end_status, lastHeartbeatTs: toNullableNumber(r.last_heartbeat_ts) }, now);
        return { key, pathspec: formatPathspec({ flow: f.name, run: key }), status, createdTs: toNumber(r.created_ts) };
      }),
    };
  });
  // Most recently active first.
  return summaries.sort((a, b) => (b.latestRun?.createdTs ?? 0) - (a.latestRun?.createdTs ?? 0) || (a.name < b.name ? -1 : 1));
}

function flowFilters(namespace: Namespace, flow: string, limit: number): RunFilters {
  return { namespace, flow, limit, allTags: [], anyTags: [], notTags: [] };
}

/** The flow's newest run in the namespace, or null when none of its runs is in it. */
export async function latestRunInNamespace(db: Db, ns: Namespace, flow: string, now = Date.now()): Promise<RunSummary | null> {
  if (!(await findFlow(db, flow))) throw notFound(`Flow ${flow} does not exist.`);
  const { runs } = await listRuns(db, flowFilters(ns, flow, 1), now);
  return runs[0] ?? null;
}
