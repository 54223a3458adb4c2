import "server-only";
// Flows as seen from a namespace: a flow is in N when at least one of its runs
// is; its latest run is the newest run in N (Metaflow's latest_run).
import { dialectOf, type Db } from "../db";
import { notFound } from "../errors";
import type { Namespace } from "../domain/namespace";
import type { RunFilters } from "../domain/run-filters";
import { deriveRunStatus, type RunStatus } from "../domain/status";
import { formatPathspec } from "../domain/pathspec";
import { listRuns, runsByIds, type RunSummary } from "./runs-read";
import { findFlow, runKey } from "./resolve";
import { sql, toNullableNumber, toNumber, Prisma } from "./sql";
import { joinRunsOfEachRow } from "./dialect";

export const STATUS_HISTORY_LENGTH = 10;

export type FlowSummary = {
  name: string;
  latestRun: RunSummary | null;
  /** The newest runs in the namespace, newest first. */
  history: { key: string; pathspec: string; status: RunStatus; createdTs: number }[];
};

type HistoryRow = {
  flow_name: string; id: unknown; run_number: unknown; run_id: string | null; created_ts: unknown;
  end_status: string | null; last_heartbeat_ts: unknown;
};

/**
 * The newest `n` runs in the namespace of every flow that has any, in one
 * statement: per flow, one index range scan (run_tags (tag, flow_id,
 * created_ts), or runs (flow_id, created_ts) in the global namespace).
 */
async function newestRunsPerFlow(db: Db, ns: Namespace, n: number): Promise<HistoryRow[]> {
  const newest = (flowId: Prisma.Sql) =>
    ns.kind === "global"
      ? sql`SELECT d.id AS run_db_id FROM runs d WHERE d.flow_id = ${flowId} ORDER BY d.created_ts DESC, d.id DESC LIMIT ${n}`
      : sql`SELECT d.run_id AS run_db_id FROM run_tags d WHERE d.tag = ${ns.tag} AND d.flow_id = ${flowId}
          ORDER BY d.created_ts DESC, d.run_id DESC LIMIT ${n}`;
  const columns = sql`f.name AS flow_name, r.id, r.run_number, r.run_id, r.created_ts, r.end_status, r.last_heartbeat_ts`;
  return db.$queryRaw<HistoryRow[]>(sql`SELECT ${columns} FROM flows f ${joinRunsOfEachRow(dialectOf(db), newest(sql`f.id`))}
    ORDER BY f.id, r.created_ts DESC, r.id DESC`);
}

export async function listFlowsInNamespace(db: Db, ns: Namespace, now = Date.now()): Promise<FlowSummary[]> {
  const byFlow = new Map<string, HistoryRow[]>();
  for (const r of await newestRunsPerFlow(db, ns, STATUS_HISTORY_LENGTH)) {
    byFlow.set(r.flow_name, [...(byFlow.get(r.flow_name) ?? []), r]);
  }
  // Full summaries (tags included) only for each flow's latest run.
  const latest = await runsByIds(db, [...byFlow.values()].map((rows) => toNumber(rows[0].id)), now);
  const latestById = new Map(latest.map((r) => [r.dbId, r]));
  const summaries = [...byFlow].map(([name, rows]): FlowSummary => ({
    name,
    latestRun: latestById.get(toNumber(rows[0].id)) ?? null,
    history: rows.map((r) => {
      const key = runKey({ runId: r.run_id, runNumber: toNumber(r.run_number) });
      const status = deriveRunStatus({ endStatus: r.end_status, lastHeartbeatTs: toNullableNumber(r.last_heartbeat_ts) }, now);
      return { key, pathspec: formatPathspec({ flow: name, run: key }), status, createdTs: toNumber(r.created_ts) };
    }),
  }));
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
