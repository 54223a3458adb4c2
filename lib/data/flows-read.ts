import "server-only";
// Flows as seen from a namespace: a flow is in N when at least one of its runs
// is; its latest run is the newest run in N (Metaflow's latest_run). Each
// flow's runs come from listRunIds with a flow filter, an index range scan.
import type { Db } from "../db";
import { notFound } from "../errors";
import type { Namespace } from "../domain/namespace";
import type { RunFilters } from "../domain/run-filters";
import type { RunStatus } from "../domain/status";
import { listRunIds, listRuns, runsByIds, type RunSummary } from "./runs-read";
import { findFlow } from "./resolve";
import { sql } from "./sql";

export const STATUS_HISTORY_LENGTH = 10;

export type FlowSummary = {
  name: string;
  latestRun: RunSummary | null;
  /** The newest runs in the namespace, newest first. */
  history: { key: string; pathspec: string; status: RunStatus; createdTs: number }[];
};

function flowFilters(namespace: Namespace, flow: string, limit: number): RunFilters {
  return { namespace, flow, limit, allTags: [], anyTags: [], notTags: [] };
}

async function flowNamesInNamespace(db: Db, ns: Namespace): Promise<string[]> {
  // One index probe per flow: (tag, flow_id, …) on run_tags, (flow_id, …) on runs.
  const rows = await db.$queryRaw<{ name: string }[]>(
    ns.kind === "global"
      ? sql`SELECT f.name FROM flows f WHERE EXISTS (SELECT 1 FROM runs r WHERE r.flow_id = f.id)`
      : sql`SELECT f.name FROM flows f WHERE EXISTS (SELECT 1 FROM run_tags t WHERE t.tag = ${ns.tag} AND t.flow_id = f.id)`,
  );
  return rows.map((r) => r.name);
}

export async function listFlowsInNamespace(db: Db, ns: Namespace, now = Date.now()): Promise<FlowSummary[]> {
  const names = await flowNamesInNamespace(db, ns);
  const pages = await Promise.all(names.map((name) => listRunIds(db, flowFilters(ns, name, STATUS_HISTORY_LENGTH), now)));
  const runs = await runsByIds(db, pages.flatMap((p) => p.ids), now);
  const byId = new Map(runs.map((r) => [r.dbId, r]));
  const flows = names.map((name, i): FlowSummary => {
    const own = pages[i].ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    return {
      name,
      latestRun: own[0] ?? null,
      history: own.map((r) => ({ key: r.key, pathspec: r.pathspec, status: r.status, createdTs: r.createdTs })),
    };
  });
  // Most recently active first.
  return flows.sort((a, b) => (b.latestRun?.createdTs ?? 0) - (a.latestRun?.createdTs ?? 0) || (a.name < b.name ? -1 : 1));
}

/** The flow's newest run in the namespace, or null when none of its runs is in it. */
export async function latestRunInNamespace(db: Db, ns: Namespace, flow: string, now = Date.now()): Promise<RunSummary | null> {
  if (!(await findFlow(db, flow))) throw notFound(`Flow ${flow} does not exist.`);
  const { runs } = await listRuns(db, flowFilters(ns, flow, 1), now);
  return runs[0] ?? null;
}

