import "server-only";
// Writes about tasks after they exist: metadata (which also drives attempt
// and run status), artifacts, heartbeats and log lines.
import type { Db } from "../db";
import { badRequest, notFound } from "../errors";
import { endStatusChange, parseBool } from "../domain/status";
import { recordWriter, type MetadataEffects, type TaskPath } from "./record-writer";
import { nowMs } from "../clock";

const NEED_REGISTER = "need to register run_id and task_id first";
/** Heartbeats only move forward, and at most every 10 seconds (as Metaflow's service). */
const HEARTBEAT_EVERY_S = 10;

export type MetadataInput = {
  fieldName: string; value: string; type: string; userName: string; tags?: string[]; systemTags?: string[];
};

/** What a batch of metadata changes besides its rows: the task's attempt and verdict, the run's status and origin. */
export function metadataEffects(step: string, items: MetadataInput[], now: number): MetadataEffects {
  const task: NonNullable<MetadataEffects["task"]> = {};
  let originRunId: string | undefined;
  for (const m of items) {
    if (m.fieldName === "attempt" && /^\d+$/.test(m.value)) task.attempt = Number(m.value);
    if (m.fieldName === "attempt_ok") {
      const ok = parseBool(m.value);
      if (ok !== null) Object.assign(task, { attemptOk: ok, finishedTs: now });
    }
    if (m.fieldName === "origin-run-id" && m.value && m.value !== "None") originRunId ??= m.value;
  }
  const endStatus = step === "end" ? endStatusChange(items) ?? undefined : undefined;
  return {
    ...(Object.keys(task).length ? { task } : {}),
    ...(endStatus || originRunId ? { run: { endStatus, originRunId } } : {}),
  };
}

const path = (flow: string, run: string, step: string, task: string): TaskPath => ({ flow, run, step, task });

export async function addMetadata(db: Db, flow: string, run: string, step: string, task: string, items: MetadataInput[]) {
  const now = nowMs();
  const rows = items.map((m) => ({
    fieldName: m.fieldName, value: m.value, type: m.type, userName: m.userName,
    tags: JSON.stringify(m.tags ?? []), systemTags: JSON.stringify(m.systemTags ?? []),
  }));
  const touched = await recordWriter(db).insertMetadata(path(flow, run, step, task), rows, metadataEffects(step, items, now), now);
  if (!touched) throw badRequest(NEED_REGISTER);
  return items.length;
}

export type ArtifactInput = {
  name: string; location: string; dsType: string; sha: string; type: string; contentType: string;
  attemptId: number; userName: string;
};

export async function addArtifacts(db: Db, flow: string, run: string, step: string, task: string, items: ArtifactInput[]) {
  if (!(await recordWriter(db).insertArtifacts(path(flow, run, step, task), items, nowMs()))) throw badRequest(NEED_REGISTER);
  return items.length;
}

export async function heartbeatRun(db: Db, flow: string, run: string) {
  const nowS = Math.floor(nowMs() / 1000);
  if (!(await recordWriter(db).touchRun({ flow, run }, nowS, HEARTBEAT_EVERY_S))) throw notFound(`Run ${flow}/${run} does not exist.`);
}

export async function heartbeatTask(db: Db, flow: string, run: string, step: string, task: string) {
  const nowS = Math.floor(nowMs() / 1000);
  if (!(await recordWriter(db).touchTask(path(flow, run, step, task), nowS, HEARTBEAT_EVERY_S))) {
    throw notFound(`Task ${flow}/${run}/${step}/${task} does not exist.`);
  }
}

export type LogLineInput = { stream: "stdout" | "stderr"; line: string; ts?: number; attempt?: number };

export async function appendLogLines(db: Db, flow: string, run: string, step: string, task: string, lines: LogLineInput[]) {
  const now = nowMs();
  const rows = lines.map((l) => ({ stream: l.stream, line: l.line, ts: l.ts ?? now, attempt: l.attempt ?? null }));
  if (!(await recordWriter(db).insertLogLines(path(flow, run, step, task), rows))) {
    throw notFound(`Task ${flow}/${run}/${step}/${task} does not exist.`);
  }
  return lines.length;
}
