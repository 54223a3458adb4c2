import "server-only";
// What explains a run beyond its summary: the DAG of its steps (from the
// flow's _graph_info when its datastore is readable), its parameters with
// their values, and, for a failed run, why it failed.
import type { Db } from "../db";
import { buildDag, declaredParameters, isInternalStep, parseGraphInfo, type Dag, type GraphInfo } from "../domain/dag";
import { layoutDag, type DagLayout } from "../domain/dag-layout";
import { explainFailure, tail, type FailedTask, type FailureReason } from "../domain/failure";
import { HEARTBEAT_WINDOW_S } from "../domain/status";
import { toPlain } from "../domain/pickle";
import { formatPathspec } from "../domain/pathspec";
import type { RunSummary } from "./runs-read";
import type { StepRow } from "./steps-read";
import { previewArtifact, readArtifactValue, taskDatastore } from "./datastore";
import type { Readability } from "../domain/datastore-roots";
import { readTaskLogs } from "./logs-read";
import { taskKey } from "./resolve";
import { queryRows } from "./driver";
import { sql, toNumber } from "./sql";

type Raw = Record<string, unknown>;
const toArtifact = (r: Raw) => ({ taskId: toNumber(r.task_id), sha: r.sha as string, location: r.location as string, dsType: r.ds_type as string });

type DatastoreOf = (taskDbId: number) => Promise<Readability>;

/** taskDatastore, looked up once per task for one page: a run's parameters are all artifacts of one task. */
function datastoreLookup(db: Db): DatastoreOf {
  const known = new Map<number, Promise<Readability>>();
  return (taskDbId) => {
    let where = known.get(taskDbId);
    if (!where) known.set(taskDbId, (where = taskDatastore(db, taskDbId)));
    return where;
  };
}

async function graphInfoOf(db: Db, run: RunSummary, datastoreOf = datastoreLookup(db)): Promise<{ info: GraphInfo | null; why: string | null }> {
  const [a] = (await queryRows<Raw>(db, sql`
    SELECT task_id, sha, location, ds_type FROM artifacts WHERE run_id = ${run.dbId} AND name = '_graph_info' ORDER BY id LIMIT 1`, true)).map(toArtifact);
  if (!a) return { info: null, why: null };
  const read = await readArtifactValue(await datastoreOf(a.taskId), { flow: run.flow, ...a });
  if ("reason" in read) return { info: null, why: read.reason };
  const info = parseGraphInfo(toPlain(read.value));
  return { info, why: info ? null : "it is not a graph Flowdeck understands" };
}

export type RunDag = { dag: Dag; layout: DagLayout };

export async function runDag(db: Db, run: RunSummary, steps: StepRow[]): Promise<RunDag> {
  const { info, why } = await graphInfoOf(db, run);
  const dag = buildDag(info, steps, why);
  return { dag, layout: layoutDag(dag) };
}

export type ParameterView = { name: string; type: string | null; value: string | null; reason: string | null };

/**
 * Parameters are artifacts of the _parameters task (Metaflow's own step that
 * runs before start); their names come from _graph_info when it was read,
 * else from that task's artifacts that are not Metaflow's own.
 */
export async function runParameters(
  db: Db,
  run: RunSummary,
  graph?: GraphInfo | null | Promise<GraphInfo | null>,
  datastoreOf = datastoreLookup(db),
): Promise<ParameterView[]> {
  const [info, found] = await Promise.all([
    graph === undefined ? graphInfoOf(db, run, datastoreOf).then((g) => g.info) : graph,
    queryRows<Raw>(db, sql`
      SELECT a.name, a.sha, a.location, a.ds_type, a.task_id, s.name AS step
      FROM artifacts a JOIN tasks t ON t.id = a.task_id JOIN steps s ON s.id = t.step_id
      WHERE a.run_id = ${run.dbId} AND s.name IN ('_parameters', 'start')
      ORDER BY a.attempt_id DESC, a.id ASC`, true),
  ]);
  const declared = declaredParameters(info);
  const rows = found.map((r) => ({ ...toArtifact(r), name: r.name as string, step: r.step as string }));
  const fromParams = rows.filter((r) => r.step === "_parameters");
  const pool = fromParams.length ? fromParams : rows;
  const names = declared.length
    ? declared
    : [...new Set(fromParams.map((r) => r.name).filter((n) => !isInternalStep(n) && n !== "name"))].map((name) => ({ name, type: null }));
  return Promise.all(
    names.map(async (p): Promise<ParameterView> => {
      const a = pool.find((r) => r.name === p.name);
      if (!a) return { ...p, value: null, reason: "No artifact recorded for it." };
      const preview = await previewArtifact(await datastoreOf(a.taskId), { flow: run.flow, ...a });
      return { ...p, value: preview.previewable ? preview.repr : null, reason: preview.previewable ? null : preview.reason };
    }),
  );
}

export async function runFailure(db: Db, run: RunSummary, steps: StepRow[] | Promise<StepRow[]>, now = Date.now()): Promise<FailureReason> {
  if (run.status !== "failed") return null;
  const alive = Math.floor(now / 1000) - HEARTBEAT_WINDOW_S;
  const where = {
    runId: run.dbId,
    OR: [{ attemptOk: false }, { attemptOk: null, OR: [{ lastHeartbeatTs: null }, { lastHeartbeatTs: { lt: alive } }] }],
  };
  const [first, count] = await Promise.all([
    db.task.findFirst({ where, orderBy: [{ createdTs: "asc" }, { id: "asc" }], select: { id: true, taskName: true, attempt: true, attemptOk: true, step: { select: { name: true } } } }),
    db.task.count({ where }),
  ]);
  const failed: FailedTask[] = [];
  // A task that stopped without saying it failed (attempt_ok absent) did not fail by itself: the run died.
  if (first && first.attemptOk === false) {
    const key = taskKey(first);
    const logs = await readTaskLogs(db, run.flow, run.key, first.step.name, key, "stderr", first.attempt, { limit: 5000 });
    failed.push({
      step: first.step.name, task: key, attempt: first.attempt,
      pathspec: formatPathspec({ flow: run.flow, run: run.key, step: first.step.name, task: key }),
      stderrTail: tail((logs?.lines ?? []).map((l) => l.line)),
    });
  }
  return explainFailure({
    status: run.status, failedTasks: failed, failedCount: count, lastHeartbeatTs: run.lastHeartbeatTs,
    endStepReached: (await steps).some((s) => s.name === "end"),
  });
}

/**
 * Everything the run page adds to the run's detail. Its reads start together
 * and none waits for the steps (only the DAG's shape and the failure's wording
 * use them): on PostgreSQL each statement in a chain costs a round trip.
 */
export async function runExplain(db: Db, run: RunSummary, steps: StepRow[] | Promise<StepRow[]>, now = Date.now()) {
  const datastoreOf = datastoreLookup(db);
  const graph = graphInfoOf(db, run, datastoreOf);
  const [{ info, why }, parameters, failure, stepRows] = await Promise.all([
    graph,
    runParameters(db, run, graph.then((g) => g.info), datastoreOf),
    runFailure(db, run, steps, now),
    steps,
  ]);
  const dag = buildDag(info, stepRows, why);
  return { dag: { ...dag, layout: layoutDag(dag) }, parameters, failure };
}
