import "server-only";
// Writes about tasks after they exist: metadata (which also drives attempt
// and run status), artifacts, heartbeats and log lines. Writes run in
// transactions even when single statements (see ingest.ts for why).
import type { Db } from "../db";
import { badRequest, notFound } from "../errors";
import { nextEndStatus, parseBool, type EndStatus } from "../domain/status";
import { findRun, findTask } from "./resolve";
import { publishChange } from "../live/publish";
import { nowMs } from "../clock";

const NEED_REGISTER = "need to register run_id and task_id first";

export type MetadataInput = {
  fieldName: string; value: string; type: string; userName: string; tags?: string[]; systemTags?: string[];
};

export async function addMetadata(db: Db, flow: string, run: string, step: string, task: string, items: MetadataInput[]) {
  const found = await findTask(db, flow, run, step, task);
  if (!found) throw badRequest(NEED_REGISTER);
  const now = nowMs();
  let endStatus = found.run.endStatus as EndStatus;
  let runChanged = false;
  const taskUpdate: { attempt?: number; attemptOk?: boolean; finishedTs?: number } = {};
  let originRunId: string | undefined;
  for (const m of items) {
    if (m.fieldName === "attempt" && /^\d+$/.test(m.value)) taskUpdate.attempt = Number(m.value);
    if (m.fieldName === "attempt_ok") {
      const ok = parseBool(m.value);
      if (ok !== null) Object.assign(taskUpdate, { attemptOk: ok, finishedTs: now });
    }
    if (m.fieldName === "origin-run-id" && m.value && m.value !== "None" && !found.run.originRunId) originRunId = m.value;
    if (step === "end") {
      const next = nextEndStatus(endStatus, m.fieldName, m.value);
      if (next !== endStatus) {
        endStatus = next;
        runChanged = true;
      }
    }
  }
  await db.$transaction(async (tx) => {
    await tx.metadata.createMany({
      data: items.map((m) => ({
        taskId: found.task.id, runId: found.run.id, fieldName: m.fieldName, value: m.value, type: m.type,
        userName: m.userName, tags: JSON.stringify(m.tags ?? []), systemTags: JSON.stringify(m.systemTags ?? []),
        createdTs: now,
      })),
    });
    if (Object.keys(taskUpdate).length) await tx.task.update({ where: { id: found.task.id }, data: taskUpdate });
    if (runChanged || originRunId) {
      const finished = endStatus === "completed" || endStatus === "failed";
      await tx.run.update({
        where: { id: found.run.id },
        data: {
          ...(runChanged ? { endStatus, finishedTs: finished ? now : null } : {}),
          ...(originRunId ? { originRunId } : {}),
        },
      });
    }
  });
  if (runChanged) publishChange(db, { kind: "run_updated", flow, runNumber: found.run.runNumber, runDbId: found.run.id });
  return items.length;
}

export type ArtifactInput = {
  name: string; location: string; dsType: string; sha: string; type: string; contentType: string;
  attemptId: number; userName: string;
};

export async function addArtifacts(db: Db, flow: string, run: string, step: string, task: string, items: ArtifactInput[]) {
  const found = await findTask(db, flow, run, step, task);
  if (!found) throw badRequest(NEED_REGISTER);
  const now = nowMs();
  await db.$transaction((tx) =>
    tx.artifact.createMany({
      data: items.map((a) => ({ ...a, taskId: found.task.id, runId: found.run.id, createdTs: now })),
    }),
  );
  return items.length;
}

/** Heartbeats only move forward, and at most every 10 seconds (as Metaflow's service). */
export async function heartbeatRun(db: Db, flow: string, run: string) {
  const r = await findRun(db, flow, run);
  if (!r) throw notFound(`Run ${flow}/${run} does not exist.`);
  const nowS = Math.floor(nowMs() / 1000);
  await db.$transaction((tx) =>
    tx.run.updateMany({
      where: { id: r.id, OR: [{ lastHeartbeatTs: null }, { lastHeartbeatTs: { lt: nowS - 10 } }] },
      data: { lastHeartbeatTs: nowS },
    }),
  );
}

export async function heartbeatTask(db: Db, flow: string, run: string, step: string, task: string) {
  const found = await findTask(db, flow, run, step, task);
  if (!found) throw notFound(`Task ${flow}/${run}/${step}/${task} does not exist.`);
  const nowS = Math.floor(nowMs() / 1000);
  const stale = { OR: [{ lastHeartbeatTs: null }, { lastHeartbeatTs: { lt: nowS - 10 } }] };
  await db.$transaction(async (tx) => {
    await tx.task.updateMany({ where: { id: found.task.id, ...stale }, data: { lastHeartbeatTs: nowS } });
    await tx.run.updateMany({ where: { id: found.run.id, ...stale }, data: { lastHeartbeatTs: nowS } });
  });
}

export type LogLineInput = { stream: "stdout" | "stderr"; line: string; ts?: number; attempt?: number };

export async function appendLogLines(db: Db, flow: string, run: string, step: string, task: string, lines: LogLineInput[]) {
  const found = await findTask(db, flow, run, step, task);
  if (!found) throw notFound(`Task ${flow}/${run}/${step}/${task} does not exist.`);
  const now = nowMs();
  await db.$transaction((tx) =>
    tx.logLine.createMany({
      data: lines.map((l) => ({
        taskId: found.task.id, stream: l.stream, line: l.line, ts: l.ts ?? now, attempt: l.attempt ?? found.task.attempt,
      })),
    }),
  );
  return lines.length;
}
