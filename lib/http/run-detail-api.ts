import "server-only";
// The run detail routes of the dashboard API (GET /api/v1/runs/{flow}/{run}/…),
// as plain functions of a request and its decoded path parameters, wherever
// they are served: by Next (app/api/v1/runs/[flow]/[run]/**/route.ts, through
// nextRoute) or by the custom server (lib/server/dashboard-api.ts).
import { getDb } from "../db";
import { badRequest, notFound } from "../errors";
import { formatPathspec, parsePathspec } from "../domain/pathspec";
import { attemptQuery, taskListQuery } from "../domain/task-list";
import { getRunDetail, runInNamespace } from "../data/run-detail-read";
import { listRunTasks, timelinePage } from "../data/run-tasks-read";
import { stepsOfRun } from "../data/steps-read";
import { runDag, runParameters } from "../data/run-explain-read";
import { artifactPreview, getTaskDetail, listTaskArtifacts } from "../data/task-detail-read";
import { downloadTaskLog, readTaskLogs } from "../data/logs-read";
import { whileClientWaits } from "../data/driver";
import { namespaceForRequest } from "../namespace-in-effect";
import { namespaceQuery, taskLogsQuery, timelineQuery } from "./query-schemas";
import { queryObject, runScope } from "./run-scope";
import { jsonRoute } from "./json-route";

export type RunPath = { flow: string; run: string };
export type TaskPath = RunPath & { step: string; task: string };
export type PathHandler<P> = (request: Request, params: P) => Promise<Response>;

const query = (request: Request) => queryObject(new URL(request.url).searchParams);

/** GET /api/v1/runs/{flow}/{run}: the run page's data. */
export const runDetail: PathHandler<RunPath> = async (request, p) => {
  const { flow, run, step } = parsePathspec(`${p.flow}/${p.run}`);
  if (!run || step) throw badRequest(`"${p.flow}/${p.run}" is not a run pathspec such as HelloFlow/546.`);
  const params = namespaceQuery.parse(query(request));
  const db = await getDb();
  const { namespace, name } = await namespaceForRequest(db, params.namespace);
  return Response.json({ namespace: name, ...(await getRunDetail(db, namespace, flow, run)) });
};

/** …/dag: the steps as a graph (from _graph_info, else the recorded steps) with a layout. */
export const runDagRoute: PathHandler<RunPath> = async (request, p) => {
  const { db, run, namespace } = await runScope(request, p);
  const { dag, layout } = await runDag(db, run, await stepsOfRun(db, run));
  return Response.json({ namespace, pathspec: run.pathspec, ...dag, layout });
};

/** …/parameters: the run's parameters and their values (read from its datastore). */
export const runParametersRoute: PathHandler<RunPath> = async (request, p) => {
  const { db, run, namespace } = await runScope(request, p);
  return Response.json({ namespace, pathspec: run.pathspec, parameters: await runParameters(db, run) });
};

/** …/tasks?step=&status=&sort=start|duration&order=&cursor=&limit=: a page of the run's tasks. */
export const runTasksRoute: PathHandler<RunPath> = async (request, p) => {
  const q = taskListQuery.parse(query(request));
  const { db, run, namespace } = await runScope(request, p);
  return Response.json({ namespace, pathspec: run.pathspec, ...(await listRunTasks(db, run, q)) });
};

/** …/timeline?cursor=&limit=: a page of the run's tasks with their attempts, grouped by step. */
export const runTimelineRoute: PathHandler<RunPath> = async (request, p) => {
  const q = timelineQuery.parse(query(request));
  const { db, run, namespace } = await runScope(request, p);
  return Response.json({ namespace, pathspec: run.pathspec, status: run.status, ...(await timelinePage(db, run, q)) });
};

/** …/{step}/{task}: the task's `current`, attempts, metadata and datastore. */
export const taskDetailRoute: PathHandler<TaskPath> = async (request, p) => {
  const { db, run, namespace, step, task } = await runScope(request, p);
  return Response.json({ namespace, ...(await getTaskDetail(db, run, step!, task!)) });
};

/** …/{step}/{task}/artifacts?attempt=: the task's artifacts (latest attempt by default). */
export const taskArtifactsRoute: PathHandler<TaskPath> = async (request, p) => {
  const q = attemptQuery.parse(query(request));
  const { db, run, namespace, step, task } = await runScope(request, p);
  return Response.json({ namespace, ...(await listTaskArtifacts(db, run, step!, task!, q.attempt)) });
};

/** …/{step}/{task}/artifacts/{name}?attempt=: one artifact with a preview of its value. */
export const artifactPreviewRoute: PathHandler<TaskPath & { name: string }> = async (request, { name, ...p }) => {
  const q = attemptQuery.parse(query(request));
  const { db, run, namespace, step, task } = await runScope(request, p);
  return Response.json({ namespace, ...(await artifactPreview(db, run, step!, task!, decodeURIComponent(name), q.attempt)) });
};

/**
 * …/{step}/{task}/logs?stream=stdout|stderr&attempt=N&cursor=&limit=&q=: a page
 * of a task's log lines, pushed to the database and, for Metaflow's local
 * datastore, read from the files under the task's ds-root (within the allowed
 * roots). Latest attempt by default; `nextCursor` continues, also after the
 * end (follow mode); `q` searches (plain text, any case); `download=1` streams
 * the whole log as text.
 */
export const taskLogsRoute: PathHandler<TaskPath> = async (request, p) => {
  const spec = parsePathspec(`${p.flow}/${p.run}/${p.step}/${p.task}`);
  if (!spec.task) throw badRequest(`"${formatPathspec(p)}" is not a task pathspec such as HelloFlow/546/start/1139.`);
  const q = taskLogsQuery.parse(query(request));
  const db = await getDb();
  const { namespace, name } = await namespaceForRequest(db, q.namespace);
  await runInNamespace(db, namespace, spec.flow, spec.run!);
  if (q.download) {
    const body = await downloadTaskLog(db, spec.flow, spec.run!, spec.step!, spec.task, q.stream, q.attempt);
    if (!body) throw notFound(`Task ${formatPathspec(spec)} does not exist.`);
    const file = `${[spec.flow, spec.run, spec.step, spec.task].join("-")}.${q.stream}.log`.replace(/[^\w.-]/g, "_");
    return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="${file}"` } });
  }
  const logs = await readTaskLogs(db, spec.flow, spec.run!, spec.step!, spec.task, q.stream, q.attempt, {
    cursor: q.cursor,
    limit: q.limit,
    q: q.q || undefined,
  });
  if (!logs) throw notFound(`Task ${formatPathspec(spec)} does not exist.`);
  return Response.json({ namespace: name, pathspec: formatPathspec(spec), stream: q.stream, ...logs });
};

/** Runs a handler; its statements are cancelled when the client leaves first (they only read). */
export const answer = <P>(handler: PathHandler<P>, request: Request, params: P) => whileClientWaits(request.signal, () => handler(request, params));

/** A handler as a Next route's GET, which gets its parameters as a promise. */
export const nextRoute = <P>(handler: PathHandler<P>) =>
  jsonRoute(async (request: Request, ctx: { params: Promise<P> }) => answer(handler, request, await ctx.params));
