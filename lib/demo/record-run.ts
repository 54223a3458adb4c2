import "server-only";
// Records one whole run the way Metaflow's client would: run, steps, tasks,
// metadata, artifacts, logs, at the times given. Used by the demo loader.
import { createHash } from "node:crypto";
import type { Db } from "../db";
import { atTime } from "../clock";
import { createRun, createStep, createTask } from "../data/ingest";
import { addArtifacts, addMetadata, appendLogLines, heartbeatRun, type MetadataInput } from "../data/task-data-write";

export type Outcome = "completed" | "failed" | "running";
export type StepSpec = { name: string; tasks?: number; log: string[]; artifacts: string[] };

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
};

const SECOND = 1000;

function systemTags(spec: RunSpec): string[] {
  const owner = spec.productionToken ? `production:${spec.productionToken}` : `user:${spec.user}`;
  return [owner, "runtime:dev", "python_version:3.11.7", "metaflow_version:2.15.7"];
}

const sha = (s: string) => createHash("sha1").update(s).digest("hex");

export async function recordRun(db: Db, spec: RunSpec): Promise<string> {
  const sys = systemTags(spec);
  const who = { userName: spec.user, tags: spec.tags ?? [], systemTags: sys };
  let t = spec.startedAt;
  const run = await atTime(t, () => createRun(db, spec.flow, { ...who, runNumber: spec.runNumber }));
  const runKey = String(run.runNumber);
  const dsRoot = `/home/${spec.user}/.metaflow`;
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
        fieldName, value, type: fieldName, userName: spec.user, tags: ["attempt_id:0"], systemTags: sys,
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
      const lines = failing ? [...step.log, "Traceback (most recent call last):", "ValueError: feature matrix has NaNs"] : step.log;
      await atTime(t + SECOND, () =>
        appendLogLines(db, spec.flow, runKey, step.name, taskId, lines.map((line, n) => ({
          stream: failing && n >= step.log.length ? "stderr" as const : "stdout" as const, line, ts: t + n * 100,
        }))),
      );
      if (unfinished) continue;
      t += 5 * SECOND;
      await atTime(t, () =>
        addArtifacts(db, spec.flow, runKey, step.name, taskId, ["name", "_task_ok", ...step.artifacts].map((name) => {
          const digest = sha(`${spec.flow}/${runKey}/${step.name}/${taskId}/${name}`);
          return {
            name, location: `${dsRoot}/${spec.flow}/data/${digest.slice(0, 2)}/${digest}`, dsType: "local", sha: digest,
            type: "metaflow.artifact", contentType: "gzip+pickle-v2", attemptId: 0, userName: spec.user,
          };
        })),
      );
      await atTime(t, () =>
        addMetadata(db, spec.flow, runKey, step.name, taskId, [meta("attempt_ok", failing ? "False" : "True"), meta("attempt-done", "0")]),
      );
      await atTime(t, () => heartbeatRun(db, spec.flow, runKey));
    }
  }
  return runKey;
}
