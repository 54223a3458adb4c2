import "server-only";
// Tag editing and its history in the dashboard API (/api/v1), as plain
// functions of a client, a request and who is acting, so tests can call
// them on either database. The dashboard's server actions and these call
// the same data functions.
import type { Db } from "../db";
import { badRequest, notFound } from "../errors";
import { parseAuditFilters } from "../domain/audit-filters";
import { queryParamError } from "../domain/query-params";
import { decodeCursor, parseRunFilters } from "../domain/run-filters";
import { userNamespace, type Namespace } from "../domain/namespace";
import { runInNamespace } from "../data/run-detail-read";
import { parsePathspec } from "../domain/pathspec";
import { bulkTagEditSchema, MAX_BULK_RUNS, tagChangeSchema, type Actor } from "../domain/tag-edit";
import { listAuditEvents, tagHistoryOfRun } from "../data/audit-read";
import { findRun } from "../data/resolve";
import { bulkEditTags, mutateRunTags } from "../data/tags-write";
import { countMatchingRuns } from "../data/tag-edit-targets";
import { jsonBody } from "./request";
import { tagHistoryQuery as historyQuery } from "./query-schemas";

const NO_STORE = { "cache-control": "no-store" };

function runOf(flow: string, run: string) {
  const spec = parsePathspec(`${flow}/${run}`);
  if (!spec.run || spec.step) throw badRequest(`"${flow}/${run}" is not a run pathspec such as HelloFlow/546.`);
  return { flow: spec.flow, run: spec.run };
}

/** GET /api/v1/runs/{flow}/{run}/tags?namespace= → {tags, systemTags}; refused outside the namespace. */
export async function handleGetRunTags(db: Db, request: Request, path: { flow: string; run: string }, ns: Namespace): Promise<Response> {
  const { flow, run } = runOf(path.flow, path.run);
  const found = await runInNamespace(db, ns, flow, run);
  return Response.json({ tags: found.tags, systemTags: found.systemTags }, { headers: NO_STORE });
}

/** PATCH /api/v1/runs/{flow}/{run}/tags {add, remove} → {tags, systemTags}. */
export async function handleEditRunTags(db: Db, request: Request, path: { flow: string; run: string }, actor: Actor): Promise<Response> {
  const { flow, run } = runOf(path.flow, path.run);
  const change = await jsonBody(request, tagChangeSchema);
  const result = await mutateRunTags(db, flow, run, change.add, change.remove, actor);
  return Response.json({ tags: result.userTags, systemTags: result.systemTags }, { headers: NO_STORE });
}

/** POST /api/v1/tag-edits {runs | filter, add, remove} → {changed, unchanged, failed}. */
export async function handleBulkTagEdit(db: Db, request: Request, actor: Actor): Promise<Response> {
  const edit = await jsonBody(request, bulkTagEditSchema);
  const outcome = await bulkEditTags(db, edit, actor, userNamespace(actor.user));
  return Response.json(outcome, { headers: NO_STORE });
}

/** GET /api/v1/runs/{flow}/{run}/tag-history → {events, nextCursor}. */
export async function handleRunTagHistory(db: Db, request: Request, path: { flow: string; run: string }): Promise<Response> {
  const { flow, run } = runOf(path.flow, path.run);
  const params = new URL(request.url).searchParams;
  const parsed = historyQuery.safeParse({ limit: params.get("limit") || undefined, cursor: params.get("cursor") || undefined });
  if (!parsed.success) throw queryParamError(parsed.error);
  const found = await findRun(db, flow, run);
  if (!found) throw notFound(`Run ${flow}/${run} does not exist.`);
  const cursor = parsed.data.cursor ? decodeCursor(parsed.data.cursor) : undefined;
  return Response.json(await tagHistoryOfRun(db, found.id, parsed.data.limit, cursor), { headers: NO_STORE });
}

/** GET /api/v1/audit?user=&tag=&run=&since=&until=&limit=&cursor= → {events, nextCursor}. */
export async function handleAudit(db: Db, request: Request): Promise<Response> {
  const filters = parseAuditFilters(new URL(request.url).searchParams);
  return Response.json(await listAuditEvents(db, filters), { headers: NO_STORE });
}

/** GET /api/v1/runs/count?<runs list filters> → {count, capped}: what "select all matching" would select. */
export async function handleCountRuns(db: Db, request: Request, user: string): Promise<Response> {
  const filters = parseRunFilters(new URL(request.url).searchParams, userNamespace(user));
  const count = await countMatchingRuns(db, filters, MAX_BULK_RUNS + 1);
  return Response.json({ count: Math.min(count, MAX_BULK_RUNS), capped: count > MAX_BULK_RUNS }, { headers: NO_STORE });
}
