import "server-only";
// Flows and runs: create, read, list (plain or filtered and paginated),
// heartbeat and user tag mutation.
import { createFlow, createRun } from "../../data/ingest";
import { heartbeatRun } from "../../data/task-data-write";
import { mutateRunTags } from "../../data/tags-write";
import { getFlow, getRunView, listAllRuns, listFlows } from "../../data/objects-read";
import { listFlowRunsPage } from "../../data/flow-runs-read";
import { whileClientWaits } from "../../data/driver";
import { isNumericId } from "../../domain/pathspec";
import { METAFLOW_CLIENT_ACTOR } from "../../domain/tag-edit";
import { HttpError, json, notFoundResponse, readJson, readText } from "../http";
import { objectBody, runBody, tagMutationBody } from "../schemas";
import { flowJson, runJson } from "../serialize";
import { encodeRunCursor, isPaginatedRunList, parseRunListQuery } from "../run-list-query";
import type { RouteContext } from "../router";
import { retrying } from "../../data/sql";

export async function listFlowsHandler({ db }: RouteContext) {
  return json((await listFlows(db)).map(flowJson));
}

export async function getFlowHandler({ db, params }: RouteContext) {
  const flow = await getFlow(db, params.flow);
  return flow ? json(flowJson(flow)) : notFoundResponse();
}

export async function createFlowHandler({ db, params, body: source }: RouteContext) {
  const body = await readJson(source, objectBody, {});
  const flow = await retrying(() => createFlow(db, params.flow, { userName: body.user_name, tags: body.tags, systemTags: body.system_tags }));
  return json(flowJson(flow));
}

export async function listRunsHandler({ db, params, query: search, signal }: RouteContext) {
  if (!isPaginatedRunList(search)) {
    const runs = await whileClientWaits(signal, () => listAllRuns(db, params.flow));
    return runs ? json(runs.map(runJson)) : notFoundResponse();
  }
  const query = parseRunListQuery(search);
  const page = await whileClientWaits(signal, () => listFlowRunsPage(db, params.flow, query));
  if (!page) return notFoundResponse();
  const headers: Record<string, string> = { "X-Limit": String(query.limit) };
  if (page.next) headers["X-Next-Cursor"] = encodeRunCursor(page.next);
  return json(page.runs.map(runJson), 200, headers);
}

export async function getRunHandler({ db, params }: RouteContext) {
  const run = await getRunView(db, params.flow, params.run);
  return run ? json(runJson(run)) : notFoundResponse();
}

export async function createRunHandler({ db, params, body: source }: RouteContext) {
  const body = await readJson(source, runBody, {});
  const given = body.run_number;
  if (given !== null && given !== undefined && (typeof given === "number" || isNumericId(given))) {
    throw new HttpError(400, "provided run_id may not be a numeric");
  }
  const run = await retrying(() =>
    createRun(db, params.flow, {
      userName: body.user_name,
      tags: body.tags,
      systemTags: body.system_tags,
      runId: given ?? undefined,
      tsEpoch: body.ts_epoch ?? undefined,
    }),
  );
  return json(runJson(run));
}

/** Metaflow's quirk: the reply is a JSON string holding JSON; the client decodes it twice. */
export const HEARTBEAT_REPLY = JSON.stringify({ wait_time_in_seconds: 10 });

export async function heartbeatRunHandler({ db, params, body: source }: RouteContext) {
  await readText(source); // the body ({}) carries nothing, but its size is still limited
  await retrying(() => heartbeatRun(db, params.flow, params.run));
  return json(HEARTBEAT_REPLY);
}

export async function mutateTagsHandler({ db, params, body: source }: RouteContext) {
  const body = await readJson(source, tagMutationBody);
  // Batches retry their own conflicts; the Metaflow client sends no user name.
  const result = await mutateRunTags(db, params.flow, params.run, body.add, body.remove, { user: METAFLOW_CLIENT_ACTOR, source: "metadata-api" });
  return json({ tags: result.userTags });
}
