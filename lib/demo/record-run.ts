import "server-only";
// Records one whole run the way Metaflow's client would: run, steps, tasks,
// metadata, artifacts, logs, at the times given, and, given a datastore,
// writes the artifacts, logs and cards there as Metaflow's local datastore
// would. Used by the demo loader.
import { createHash } from "node:crypto";
import type { Db } from "../db";
import { atTime } from "../clock";
import { createRun, createStep, createTask } from "../data/ingest";
import { addArtifacts, addMetadata, appendLogLines, heartbeatRun, type MetadataInput } from "../data/task-data-write";
import { PyFloat } from "../domain/pickle";
import type { DemoDatastore, DemoValue } from "./datastore-writer";

export type Outcome = "completed" | "failed" | "running";
/** An artifact's value; a function gets the task's index in its step (foreach). */
export type ArtifactValue = DemoValue | ((index: number) => DemoValue);
export type StepSpec = { name: string; tasks?: number; log: string[]; artifacts: Record<string, ArtifactValue> };

export type RunSpec = {
  flow: string;
  user: string;
  runNumber?: number;
  tags?: string[];
  productionToken?: string;
  startedAt: number;
  outcome: Outcome;
  steps: StepSpec[];
  originRunId?: string;
  failAtStep?: string;
  /** The flow's _graph_info and parameters, stored with the start step's artifacts. */
  graph?: DemoValue;
  parameters?: Record<string, DemoValue>;
  /** A step whose tasks write a card. */
  cardStep?: string;
};

const SECOND = 1000;

function systemTags(spec: RunSpec): string[] {
  const owner = spec.productionToken ? `production:${spec.productionToken}` : `user:${spec.user}`;
  return [owner, "runtime:dev", "python_version:3.11.7", "metaflow_version:2.15.7"];
}

const FAILURE_TRACE = (step: string) => [
  "Traceback (most recent call last):",
  `  File "flow.py", line 42, in ${step}`,
  "    self.model = fit(self.features)",
  "ValueError: feature matrix has NaNs",
];

const sha = (s: string) => createHash("sha1").update(s).digest("hex");

export async function recordRun(db: Db, spec: RunSpec, datastore: DemoDatastore | null = null): Promise<string> {
  const sys = systemTags(spec);
  const who = { userName: spec.user, tags: spec.tags ?? [], systemTags: sys };
  let t = spec.startedAt;
  const run = await atTime(t, () => createRun(db, spec.flow, { ...who, runNumber: spec.runNumber }));
  const runKey = String(run.runNumber);
  const dsRoot = datastore?.root ?? `/home/${spec.user}/.metaflow`;
  const stopAt = spec.outcome === "completed" ? spec.steps.length : spec.steps.findIndex((s) => s.name === spec.failAtStep);
  const lastStep = stopAt < 0 ? spec.steps.length - 1 : stopAt;

  for (let i = 0; i <= Math.min(lastStep, spec.steps.length - 1); i++) {
    const step = spec.steps[i];
    t += 2 * SECOND;
    await atTime(t, () => createStep(db, spec.flow, runKey, step.name, who));
    const failing = spec.outcome === "failed" && i === lastStep;
    const unfinished = spec.outcome === "running" && i === lastStep;
    for (let k = 0; k < (step.tasks ?? 1); k++) {
      t += 3 * SECOND;
      const { task } = await atTime(t, () => createTask(db, spec.flow, runKey, step.name, who));
      const taskId = String(task.id);
      const meta = (fieldName: string, value: string): MetadataInput => ({
        fieldName,
        value,
        type: fieldName,
        userName: spec.user,
        tags: ["attempt_id:0"],
        systemTags: sys,
      });
      await atTime(t, () =>
        addMetadata(db, spec.flow, runKey, step.name, taskId, [
          meta("attempt", "0"),
          meta("origin-run-id", spec.originRunId ?? "None"),
          meta("ds-type", "local"),
          meta("ds-root", dsRoot),
          meta("python_version", "3.11.7"),
          meta("executor", "local"),
        ]),
      );
      const stderr = failing ? FAILURE_TRACE(step.name) : [];
      const stdout = step.log.map((line, n) => ({ line, ts: t + n * 100 }));
      const errLines = stderr.map((line, n) => ({ line, ts: t + (step.log.length + n) * 100 }));
      if (datastore) {
        datastore.log(spec.flow, runKey, step.name, taskId, "stdout", stdout);
        datastore.log(spec.flow, runKey, step.name, taskId, "stderr", errLines);
      } else {
        await atTime(t + SECOND, () =>
          appendLogLines(db, spec.flow, runKey, step.name, taskId, [
            ...stdout.map((l) => ({ ...l, stream: "stdout" as const })),
            ...errLines.map((l) => ({ ...l, stream: "stderr" as const })),
          ]),
        );
      }
      if (unfinished) continue;
      t += 5 * SECOND;
      const values: Record<string, DemoValue> = { name: spec.flow, _task_ok: !failing };
      if (i === 0) Object.assign(values, spec.parameters ?? {}, spec.graph ? { _graph_info: spec.graph } : {});
      for (const [name, v] of Object.entries(step.artifacts)) values[name] = typeof v === "function" ? v(k) : v;
      await atTime(t, () =>
        addArtifacts(
          db,
          spec.flow,
          runKey,
          step.name,
          taskId,
          Object.entries(values).map(([name, value]) => {
            const stored = datastore?.artifact(spec.flow, value);
            const digest = stored?.sha ?? sha(`${spec.flow}/${runKey}/${step.name}/${taskId}/${name}`);
            return {
              name,
              location: stored?.location ?? `${dsRoot}/${spec.flow}/data/${digest.slice(0, 2)}/${digest}`,
              dsType: "local",
              sha: digest,
              type: "metaflow.artifact",
              contentType: "gzip+pickle-v4",
              attemptId: 0,
              userName: spec.user,
            };
          }),
        ),
      );
      if (datastore && spec.cardStep === step.name && !failing) {
        datastore.card(
          spec.flow,
          runKey,
          step.name,
          taskId,
          `${spec.flow}/${runKey} ${step.name}`,
          Object.entries(values)
            .filter(([n]) => !n.startsWith("_") && n !== "name")
            .map(([n, v]) => [n, v instanceof PyFloat ? String(v.value) : typeof v === "object" ? JSON.stringify(v) : String(v)]),
        );
      }
      await atTime(t, () => addMetadata(db, spec.flow, runKey, step.name, taskId, [meta("attempt_ok", failing ? "False" : "True"), meta("attempt-done", "0")]));
      await atTime(t, () => heartbeatRun(db, spec.flow, runKey));
    }
  }
  return runKey;
}
