// Records runs through a metadata API the way Metaflow's Python client does
// (metaflow/plugins/metadata_providers/service.py): per run, get-or-create
// the flow, create the run and start its heartbeat; per task, get-or-create
// the step, create the task, post its system metadata and start the task
// heartbeat (the heartbeat sidecar posts one as soon as it starts).
import type { Recorder } from "./recorder";

export type IssueShape = { steps: number; tasks: number; metadata: number };
export const ISSUE_SHAPE: IssueShape = { steps: 3, tasks: 2, metadata: 5 };

export const WHO = { user_name: "bench", tags: ["bench"], system_tags: ["user:bench", "runtime:dev", "python_version:3.11.2", "metaflow_version:2.19.38"] };
const SYSTEM_FIELDS = ["user", "runtime", "python_version", "metaflow_version", "script", "attempt", "origin-run-id", "ds-type", "ds-root", "code-package"];

export const meta = (field: string, value: string, attempt = 0) => ({
  field_name: field,
  value,
  type: field,
  user_name: "bench",
  tags: [`attempt_id:${attempt}`],
});
export const systemMetadata = (n: number) =>
  Array.from({ length: n }, (_, i) => meta(SYSTEM_FIELDS[i % SYSTEM_FIELDS.length] + (i >= SYSTEM_FIELDS.length ? `-${i}` : ""), `value-${i}`));
export const stepName = (s: number, steps: number) => (s === 0 ? "start" : s === steps - 1 ? "end" : `step${s}`);

export function describeIssueShape(shape: IssueShape): string {
  const perTask = 4;
  const perRun = 3 + shape.steps + shape.steps * shape.tasks * perTask;
  return (
    `runs of ${shape.steps} steps × ${shape.tasks} tasks, as Metaflow's client sends them: per run GET flow, POST run, POST run heartbeat; ` +
    `per task GET step (404 → POST step once per step), POST task, POST metadata (${shape.metadata} rows), POST task heartbeat ` +
    `(${perRun} requests per run)`
  );
}

/** Route groups in the order a run sends them, for reports. */
export const WRITE_ROUTES = ["GET flow", "POST flow", "POST run", "GET step", "POST step", "POST task", "POST metadata", "POST artifact", "POST heartbeat"];
export const byRouteOrder = (a: string, b: string) => (WRITE_ROUTES.indexOf(a) + 1 || 99) - (WRITE_ROUTES.indexOf(b) + 1 || 99);

const missing = (s: number) => s === 404;
const exists = (s: number) => s === 409;
/** metaflow-service answers a heartbeat within 10 s of the last one with 404 and the usual body (it updated no row). */
export const heartbeatOk = (s: number, body: string) => s === 404 && body.includes("wait_time_in_seconds");

/** One run of the issue's shape, requests one after another (one client). Returns the tasks recorded. */
export async function recordIssueRun(rec: Recorder, api: string, flow: string, shape: IssueShape): Promise<number> {
  const f = `${api}/flows/${flow}`;
  const gotFlow = await rec.send("GET flow", "GET", f, undefined, missing);
  if (gotFlow?.status === 404) await rec.send("POST flow", "POST", f, WHO, exists);
  const run = await rec.send("POST run", "POST", `${f}/run`, WHO);
  if (!run) return 0;
  const runNumber = JSON.parse(run.body).run_number;
  const r = `${f}/runs/${runNumber}`;
  await rec.send("POST heartbeat", "POST", `${r}/heartbeat`, {}, heartbeatOk);
  let tasks = 0;
  for (let s = 0; s < shape.steps; s++) {
    const step = `${r}/steps/${stepName(s, shape.steps)}`;
    for (let k = 0; k < shape.tasks; k++) {
      const got = await rec.send("GET step", "GET", step, undefined, missing);
      if (got?.status === 404) await rec.send("POST step", "POST", `${step}/step`, WHO, exists);
      const task = await rec.send("POST task", "POST", `${step}/task`, WHO);
      if (!task) continue;
      const t = `${step}/tasks/${JSON.parse(task.body).task_id}`;
      await rec.send("POST metadata", "POST", `${t}/metadata`, systemMetadata(shape.metadata));
      await rec.send("POST heartbeat", "POST", `${t}/heartbeat`, {}, heartbeatOk);
      tasks++;
    }
  }
  return tasks;
}

export type BigShape = { runs: number; steps: number; tasks: number; metadata: number; concurrency: number };
export const BIG_SHAPE: BigShape = { runs: 20, steps: 3, tasks: 10, metadata: 10, concurrency: 16 };

export function describeBigShape(o: BigShape): string {
  return (
    `${o.runs} runs × ${o.steps} steps × ${o.tasks} tasks: per run POST run, POST step ×${o.steps}, POST run heartbeat; per task POST task, ` +
    `POST metadata (${o.metadata} rows), POST task heartbeat, POST artifact (3), POST metadata (attempt_ok, attempt-done); ` +
    `the tasks of all runs ${o.concurrency} requests in flight`
  );
}

/** Runs jobs with at most `limit` in flight; jobs may enqueue more. */
function pool(limit: number) {
  const queue: (() => Promise<void>)[] = [];
  let active = 0;
  let done: () => void;
  let failed: (e: unknown) => void;
  const finished = new Promise<void>((res, rej) => ((done = res), (failed = rej)));
  const next = () => {
    while (active < limit && queue.length) {
      const job = queue.shift()!;
      active++;
      job().then(() => {
        active--;
        if (!active && !queue.length) done();
        else next();
      }, failed);
    }
  };
  return { add: (job: () => Promise<void>) => (queue.push(job), next()), finished };
}

/** The earlier, bigger shape of bench:ingest: all tasks of all runs through one pool. Returns the tasks recorded. */
export async function recordBig(rec: Recorder, api: string, flow: string, o: BigShape): Promise<number> {
  const f = `${api}/flows/${flow}`;
  const gotFlow = await rec.send("GET flow", "GET", f, undefined, missing);
  if (gotFlow?.status === 404) await rec.send("POST flow", "POST", f, WHO, exists);
  const p = pool(o.concurrency);
  let tasks = 0;
  const taskChain = (run: string, step: string) => async () => {
    const task = await rec.send("POST task", "POST", `${f}/runs/${run}/steps/${step}/task`, WHO);
    if (!task) return;
    const t = `${f}/runs/${run}/steps/${step}/tasks/${JSON.parse(task.body).task_id}`;
    await rec.send(
      "POST metadata",
      "POST",
      `${t}/metadata`,
      Array.from({ length: o.metadata }, (_, i) => meta(`field-${i}`, `value-${i}`)),
    );
    await rec.send("POST heartbeat", "POST", `${t}/heartbeat`, {}, heartbeatOk);
    await rec.send(
      "POST artifact",
      "POST",
      `${t}/artifact`,
      artifactBatch((name) => ({ location: `/ds/${flow}/${name}`, sha: name })),
    );
    await rec.send("POST metadata", "POST", `${t}/metadata`, [meta("attempt_ok", "True"), meta("attempt-done", "0")]);
    tasks++;
  };
  for (let r = 0; r < o.runs; r++) {
    p.add(async () => {
      const run = await rec.send("POST run", "POST", `${f}/run`, WHO);
      if (!run) return;
      const runNumber = String(JSON.parse(run.body).run_number);
      for (let s = 0; s < o.steps; s++) {
        await rec.send("POST step", "POST", `${f}/runs/${runNumber}/steps/step${s}/step`, WHO, exists);
        for (let k = 0; k < o.tasks; k++) p.add(taskChain(runNumber, `step${s}`));
      }
      await rec.send("POST heartbeat", "POST", `${f}/runs/${runNumber}/heartbeat`, {}, heartbeatOk);
    });
  }
  await p.finished;
  return tasks;
}

/** The 3 artifacts a task registers, as Metaflow's client sends them; `where` places each. */
function artifactBatch(where: (name: string) => { location: string; sha: string }) {
  return ["name", "_task_ok", "result"].map((name) => ({
    name,
    ...where(name),
    ds_type: "local",
    type: "metaflow.artifact",
    content_type: "gzip+pickle-v2",
    attempt_id: 0,
    user_name: "bench",
    tags: [],
    system_tags: [],
  }));
}

/**
 * One finished run for bench:reads, written in few requests (the data matters
 * here, not the client's request pattern): steps start, step1, …, end with
 * `tasksPerStep[s]` tasks; per task POST task, POST metadata (system rows +
 * attempt_ok + attempt-done), POST artifact (3).
 */
export async function recordFinishedRun(rec: Recorder, api: string, flow: string, tasksPerStep: number[], metadataRows: number): Promise<string | null> {
  const f = `${api}/flows/${flow}`;
  const run = await rec.send("POST run", "POST", `${f}/run`, WHO);
  if (!run) return null;
  const runNumber = String(JSON.parse(run.body).run_number);
  for (let s = 0; s < tasksPerStep.length; s++) {
    const step = `${f}/runs/${runNumber}/steps/${stepName(s, tasksPerStep.length)}`;
    await rec.send("POST step", "POST", `${step}/step`, WHO, exists);
    for (let k = 0; k < tasksPerStep[s]; k++) {
      const task = await rec.send("POST task", "POST", `${step}/task`, WHO);
      if (!task) continue;
      const t = `${step}/tasks/${JSON.parse(task.body).task_id}`;
      await rec.send("POST metadata", "POST", `${t}/metadata`, [...systemMetadata(metadataRows), meta("attempt_ok", "True"), meta("attempt-done", "0")]);
      await rec.send(
        "POST artifact",
        "POST",
        `${t}/artifact`,
        artifactBatch((name) => ({ location: `/ds/${flow}/${runNumber}/${name}`, sha: `${runNumber}-${name}` })),
      );
    }
  }
  return runNumber;
}
