import "server-only";
// What tasks record: metadata, artifacts (latest attempt unless one is named)
// and log lines pushed by clients.
import { addArtifacts, addMetadata, appendLogLines } from "../../data/task-data-write";
import { getArtifact, listArtifacts, listRunMetadata, listTaskMetadata, type AttemptChoice } from "../../data/task-data-read";
import { findTask } from "../../data/resolve";
import { HttpError, json, notFoundResponse, readJson } from "../http";
import { artifactBody, logLinesBody, metadataBody } from "../schemas";
import { artifactJson, metadataJson } from "../serialize";
import type { RouteContext } from "../router";
import { retrying } from "../../data/sql";

function attemptParam(raw: string): AttemptChoice {
  if (!/^\d{1,5}$/.test(raw)) throw new HttpError(400, `attempt must be a whole number, got '${raw}'`);
  return Number(raw);
}

export async function listTaskMetadataHandler({ db, params: p }: RouteContext) {
  const rows = await listTaskMetadata(db, p.flow, p.run, p.step, p.task);
  return rows ? json(rows.map(metadataJson)) : notFoundResponse();
}

export async function listRunMetadataHandler({ db, params: p }: RouteContext) {
  const rows = await listRunMetadata(db, p.flow, p.run);
  return rows ? json(rows.map(metadataJson)) : notFoundResponse();
}

export async function createMetadataHandler({ db, params: p, body: source }: RouteContext) {
  const items = await readJson(source, metadataBody);
  const input = items.map((m) => ({
    fieldName: m.field_name,
    value: m.value,
    type: m.type,
    userName: m.user_name,
    tags: m.tags,
    systemTags: m.system_tags,
  }));
  const n = await retrying(() => addMetadata(db, p.flow, p.run, p.step, p.task, input));
  return json({ metadata_created: n });
}

export async function createArtifactsHandler({ db, params: p, body: source }: RouteContext) {
  const items = await readJson(source, artifactBody);
  const input = items.map((a) => ({
    name: a.name,
    location: a.location,
    dsType: a.ds_type,
    sha: a.sha,
    type: a.type,
    contentType: a.content_type,
    attemptId: a.attempt_id,
    userName: a.user_name,
  }));
  const n = await retrying(() => addArtifacts(db, p.flow, p.run, p.step, p.task, input));
  return json({ artifacts_created: n });
}

async function artifactList(ctx: RouteContext, scope: { step?: string; task?: string }, attempt?: string) {
  const { db, params: p } = ctx;
  const rows = await listArtifacts(db, { flow: p.flow, run: p.run, ...scope }, attempt ? attemptParam(attempt) : "latest");
  return rows ? json(rows.map(artifactJson)) : notFoundResponse();
}

export const runArtifactsHandler = (ctx: RouteContext) => artifactList(ctx, {});
export const stepArtifactsHandler = (ctx: RouteContext) => artifactList(ctx, { step: ctx.params.step });
export const taskArtifactsHandler = (ctx: RouteContext) => artifactList(ctx, { step: ctx.params.step, task: ctx.params.task });
export const taskAttemptArtifactsHandler = (ctx: RouteContext) => artifactList(ctx, { step: ctx.params.step, task: ctx.params.task }, ctx.params.attempt);

export async function getArtifactHandler({ db, params: p }: RouteContext) {
  const attempt = p.attempt === undefined ? "latest" : attemptParam(p.attempt);
  const a = await getArtifact(db, p.flow, p.run, p.step, p.task, p.name, attempt);
  return a ? json(artifactJson(a)) : notFoundResponse();
}

/** Flowdeck's own: clients that push their logs (instead of a datastore) append lines here. */
export async function appendLogsHandler({ db, params: p, body: source }: RouteContext) {
  const body = await readJson(source, logLinesBody);
  if (!(await findTask(db, p.flow, p.run, p.step, p.task))) return notFoundResponse();
  const lines = body.lines.map((l) => ({ stream: body.stream, line: l.line, ts: l.ts, attempt: body.attempt }));
  const n = await retrying(() => appendLogLines(db, p.flow, p.run, p.step, p.task, lines));
  return json({ lines_created: n });
}
