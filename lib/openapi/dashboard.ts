// OpenAPI paths of the dashboard API (/api/v1), merged into the one document
// by lib/openapi/document.ts: parameters and bodies from the zod schemas the
// routes validate with, replies from ./dashboard-wire.ts.
// Dashboard errors are JSON `{ error: { code, message, … } }` (lib/http/json-route.ts).
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { auditFiltersSchema } from "../domain/audit-filters";
import { deployBodySchema, flowNameSchema, userNameSchema } from "../domain/deployment-requests";
import { runFiltersSchema } from "../domain/run-filters";
import { bulkTagEditSchema, tagChangeSchema } from "../domain/tag-edit";
import {
  eventsQuery,
  namespaceQuery,
  namespacesQuery,
  pathspecSuggestionsQuery,
  resolveQuery,
  tagHistoryQuery,
  tagSuggestionsQuery,
  taskLogsQuery,
  timelineQuery,
} from "../http/query-schemas";
import { attemptQuery, taskListQuery } from "../domain/task-list";
import {
  auditPageWire,
  bulkOutcomeWire,
  dashboardErrorWire,
  deployResultWire,
  deploymentWire,
  deploymentsWire,
  flowsWire,
  grantResultWire,
  latestRunWire,
  namespacesWire,
  pathspecSuggestionsWire,
  resolveWire,
  retireResultWire,
  runCountWire,
  runDetailWire,
  runTagsWire,
  runsPageWire,
  savedViewsWire,
  tagSuggestionsWire,
  taskLogsWire,
  whoamiWire,
  artifactPreviewWire,
  runDagWire,
  runParametersWire,
  runTasksWire,
  taskArtifactsWire,
  taskCardsWire,
  taskDetailWire,
  timelineWire,
} from "./dashboard-wire";
import { buildPaths, pathParamsOf, type ApiConventions } from "./spec";

const api: ApiConventions = {
  base: "/api/v1",
  errorText: {
    400: "Bad parameters: the message says what to fix",
    404: "Not found (`not_found`), or the run is outside the namespace in effect (`not_in_namespace`, with the namespaces it is in)",
    401: "The API key in Authorization is not valid; or, in proxy mode, the proxy's identity header is missing; or, with FLOWDECK_DASHBOARD_KEYS_FOR_READS=1, no API key was sent",
    429: "This person or address has as many live-update streams open as allowed (FLOWDECK_EVENTS_MAX_PER_CLIENT); Retry-After says when to try again",
    403: "Refused: a cross-site write (its Origin names another site), or the caller is not authorized for this deployment (the message says how to become so)",
    409: "Someone changed the same deployment at the same moment: look again and retry",
    422: "The request breaks a rule: removing a system tag, more than 50 user tags, revoking the last authorized person, or a retired deployment",
    503: "The database is unavailable or too slow right now, or (live updates) the instance has as many streams open as allowed (FLOWDECK_EVENTS_MAX_STREAMS): try again shortly (Retry-After)",
  },
  errorSchema: () => dashboardErrorWire,
  commonErrors: { read: [503], write: [403, 503] },
};

const flowPath = z.object({ flow: flowNameSchema.meta({ description: "Flow name" }) });
const grantPath = flowPath.extend({ user: userNameSchema.meta({ description: "A user name" }) });

/** The runs list's own filters, each described (the schema is lib/domain/run-filters.ts's). */
const RUN_FILTER_TEXT: Record<string, string> = {
  namespace: "Namespace in effect: a tag such as user:anne, production:<token> or xyz_features, or `global`. Default: the remembered choice, else user:<you>.",
  tag: "Runs carrying all of these tags (repeat the parameter)",
  anyTag: "Runs carrying at least one of these tags (repeatable)",
  notTag: "Runs carrying none of these tags (repeatable)",
  status: "running, completed or failed",
  flow: "Flow name",
  user: "Runs of this user (carrying user:<user>)",
  since: "Started at or after: ISO date or epoch ms",
  until: "Started before: ISO date or epoch ms",
  limit: "Page size",
  cursor: "nextCursor of the previous page, of the same sort and dir (a cursor of another order is refused with 400)",
  sort: "Order of the list: start (default), duration, status, flow or user. Duration is end minus start of a finished run; runs not finished (running, or died with no end step) come after every finished run in both directions, newest first. status, flow and user list the runs of each value together (status: completed < failed < running; names in code-unit order; user is the run's user: tag, runs with none last), newest first within each value",
  dir: "asc or desc. Default: desc for start and duration, asc for status, flow and user",
};
const AUDIT_FILTER_TEXT: Record<string, string> = {
  user: "Changes made by this person",
  flow: "Production events of this flow and tag changes of its runs",
  kind: "One kind of event",
  tag: "Changes that added or removed this tag",
  run: "Changes of this run (Flow/run)",
  since: "At or after: ISO date or epoch ms",
  until: "Before: ISO date or epoch ms",
  limit: "Page size",
  cursor: "nextCursor of the previous page",
};
/** The same schema, each parameter with its description. */
function described(schema: z.ZodObject, text: Record<string, string>): z.ZodObject {
  return z.object(Object.fromEntries(Object.entries(schema.shape).map(([k, s]) => [k, text[k] ? (s as z.ZodType).meta({ description: text[k] }) : s])));
}
const runFilters = described(runFiltersSchema, RUN_FILTER_TEXT);
const NAMESPACE_TEXT = RUN_FILTER_TEXT.namespace;
const TASK_LIST_TEXT: Record<string, string> = {
  step: "Only this step's tasks",
  status: "running, completed or failed",
  sort: "start (default, oldest first) or duration (longest first)",
  order: "asc or desc (default: asc for start, desc for duration)",
  limit: "Page size, 1–1000 (default 200)",
  cursor: "nextCursor of the previous page",
  namespace: NAMESPACE_TEXT,
};
const taskListParams = described(taskListQuery, TASK_LIST_TEXT);
const timelineParams = described(timelineQuery, TASK_LIST_TEXT);
const artifactsParams = described(attemptQuery, { attempt: "Attempt number; the latest by default", namespace: NAMESPACE_TEXT });
const artifactParams = described(attemptQuery, { attempt: "Attempt number; the latest that recorded it by default", namespace: NAMESPACE_TEXT });
const taskPath = pathParamsOf("/{flow}/{run}/{step}/{task}");
const { limit: _limit, cursor: _cursor, ...countFilters } = runFilters.shape;

type Route = Parameters<typeof buildPaths>[1][number];
/** Any dashboard route may answer 401 (lib/http/api-access.ts, in jsonRoute). */
const mayRefuseIdentity = (routes: Route[]): Route[] =>
  routes.map(([method, path, spec]) => [method, path, { ...spec, errors: [...new Set([...(spec.errors ?? []), 401])].sort((a, b) => a - b) }] as Route);

export const dashboardPaths: ZodOpenApiPathsObject = buildPaths(
  api,
  mayRefuseIdentity([
    [
      "GET",
      "/runs",
      {
        tag: "Dashboard",
        summary: "Runs in a namespace, newest first, filtered and keyset-paginated",
        query: runFilters,
        response: runsPageWire,
        errors: [400],
      },
    ],
    [
      "GET",
      "/namespaces",
      {
        tag: "Dashboard",
        summary: "Every namespace that exists (users, production tokens, tags in use) with run counts and last activity",
        query: namespacesQuery,
        response: namespacesWire,
        errors: [400],
      },
    ],
    [
      "GET",
      "/tags",
      {
        tag: "Dashboard",
        summary: "Tag autocomplete: keys of key:value tags first, then values; most used first",
        query: tagSuggestionsQuery,
        response: tagSuggestionsWire,
        errors: [400],
      },
    ],
    [
      "GET",
      "/flows",
      {
        tag: "Dashboard",
        summary: "Flows with runs in the namespace, each with its latest run there and a short status history",
        query: namespaceQuery,
        response: flowsWire,
        errors: [400],
      },
    ],
    [
      "GET",
      "/flows/{flow}/latest-run",
      {
        tag: "Dashboard",
        summary: "The flow's latest run in the namespace (Metaflow's latest_run); null when none of its runs is in it",
        query: namespaceQuery,
        response: latestRunWire,
        errors: [400, 404],
      },
    ],
    [
      "GET",
      "/runs/{flow}/{run}",
      {
        tag: "Dashboard",
        summary: "One run with its steps and tasks, and the resume links both ways; refused outside the namespace",
        query: namespaceQuery,
        response: runDetailWire,
        errors: [400, 404],
      },
    ],
    [
      "GET",
      "/runs/{flow}/{run}/tags",
      {
        tag: "Dashboard",
        summary: "A run's user and system tags; refused outside the namespace",
        query: namespaceQuery,
        response: runTagsWire,
        errors: [400, 404],
      },
    ],
    [
      "PATCH",
      "/runs/{flow}/{run}/tags",
      {
        tag: "Dashboard",
        summary: "Remove, then add, user tags of one run, atomically (a rename is both at once)",
        description:
          "Limits as the metadata API: at most 50 user tags, each 1–500 characters of valid UTF-8. Removing a system tag is refused (422); adding a tag that is a system tag changes nothing. Recorded in the audit history under the caller (source cli when the header X-Flowdeck-Client: cli is sent, else api).",
        body: tagChangeSchema,
        response: runTagsWire,
        errors: [400, 404, 422],
      },
    ],
    [
      "POST",
      "/tag-edits",
      {
        tag: "Dashboard",
        summary: "Add or remove tags on many runs: named ones, or every run matching the runs list filters (at most 100,000)",
        description:
          "Each run is changed atomically or not at all; the answer counts the runs changed, those that needed no change, and each run refused with why.",
        body: bulkTagEditSchema,
        response: bulkOutcomeWire,
        errors: [400],
      },
    ],
    [
      "GET",
      "/runs/count",
      {
        tag: "Dashboard",
        summary: "How many runs match the runs list filters (what a bulk edit by filter would change), counted up to 100,000",
        query: z.object(countFilters),
        response: runCountWire,
        errors: [400],
      },
    ],
    [
      "GET",
      "/runs/{flow}/{run}/tag-history",
      {
        tag: "Dashboard",
        summary: "Every change to a run's tags, newest first, keyset-paginated",
        query: tagHistoryQuery,
        response: auditPageWire,
        errors: [400, 404],
      },
    ],
    [
      "GET",
      "/audit",
      {
        tag: "Dashboard",
        summary: "The audit history, newest first: filter by who, flow, kind, tag, run and time; keyset-paginated",
        query: described(auditFiltersSchema, AUDIT_FILTER_TEXT),
        response: auditPageWire,
        errors: [400],
      },
    ],
    [
      "GET",
      "/deployments",
      {
        tag: "Production",
        summary: "Every production deployment, with its namespaces and who may deploy it",
        response: deploymentsWire,
      },
    ],
    [
      "GET",
      "/deployments/{flow}",
      {
        tag: "Production",
        summary: "One deployment with its history",
        path: flowPath,
        response: deploymentWire,
        errors: [400, 404],
      },
    ],
    [
      "POST",
      "/deployments/{flow}",
      {
        tag: "Production",
        summary: "Deploy: the first time makes a token; afterwards the authorized redeploy, anyone else presents the current token once (authorize)",
        description:
          "generateNewToken (authorized people only) starts a fresh, empty namespace. With FLOWDECK_PRODUCTION_GUARD=grants a token authorizes nobody. 403 carries the refusal (who deployed last, the command to use); 409 a conflicting simultaneous change. The body may be omitted.",
        path: flowPath,
        body: deployBodySchema,
        bodyOptional: true,
        response: deployResultWire,
        errors: [400, 403, 409],
      },
    ],
    [
      "POST",
      "/deployments/{flow}/grants/{user}",
      {
        tag: "Production",
        summary: "Authorize a person to deploy the flow (the caller must be authorized)",
        path: grantPath,
        response: grantResultWire,
        errors: [400, 403, 404],
      },
    ],
    [
      "DELETE",
      "/deployments/{flow}/grants/{user}",
      {
        tag: "Production",
        summary: "Revoke a person's authorization (never the last one's)",
        path: grantPath,
        response: grantResultWire,
        errors: [400, 403, 404, 422],
      },
    ],
    [
      "POST",
      "/deployments/{flow}/retire",
      {
        tag: "Production",
        summary: "Retire a deployment made by mistake: kept in the history, its runs stay browsable; the next deploy starts afresh",
        path: flowPath,
        response: retireResultWire,
        errors: [400, 403, 404, 422],
      },
    ],
    [
      "GET",
      "/pathspecs",
      {
        tag: "Dashboard",
        summary:
          "Go to pathspec's suggestions: flows whose name starts with the prefix (any case), by name; after Flow/, that flow's newest runs in the namespace whose id starts with what follows",
        query: pathspecSuggestionsQuery,
        response: pathspecSuggestionsWire,
        errors: [400],
      },
    ],
    [
      "GET",
      "/resolve",
      {
        tag: "Dashboard",
        summary: "Where a typed pathspec leads (Go to pathspec): a flow name in the wrong case is corrected to the recorded one",
        query: resolveQuery,
        response: resolveWire,
        errors: [400],
      },
    ],
    [
      "GET",
      "/views",
      {
        tag: "Dashboard",
        summary: "Saved views of the runs list (everyone's): name, author, the list's query, and the view's own link",
        response: savedViewsWire,
      },
    ],
    [
      "GET",
      "/whoami",
      {
        tag: "Dashboard",
        summary:
          "Who this Flowdeck takes the caller to be: an API key's person (Authorization: Bearer), else the proxy's header, else X-Flowdeck-User or the chosen user",
        response: whoamiWire,
        errors: [401],
      },
    ],
    [
      "GET",
      "/events",
      {
        tag: "Dashboard",
        summary: "Server-sent events: changes (new runs, status, tags, tasks) for the namespace being viewed",
        description:
          "text/event-stream. `event: ready` once subscribed, then `event: change` whose data is a ChangeMessage (#/components/schemas/ChangeMessage): " +
          "{kind, flow, runNumber, runDbId, tags?} with kind run_created, run_updated or tags_changed; tasks_changed with the run's tasks that started or whose " +
          "attempt or verdict changed (coalesced: at most one per run every 500 ms); tags_changed_many with runDbIds for a bulk tag edit; resync after a gap. " +
          "A heartbeat comment every 15 s.",
        query: eventsQuery,
        response: { text: z.string(), mediaType: "text/event-stream" },
        errors: [400, 429, 503],
      },
    ],
    [
      "GET",
      "/runs/{flow}/{run}/dag",
      {
        tag: "Dashboard",
        summary:
          "The run's steps as a graph: from the flow's _graph_info when its datastore is readable (split, foreach, join), else the recorded steps in the order they started (`source` says which, `note` why)",
        query: namespaceQuery,
        response: runDagWire,
        errors: [400, 404],
      },
    ],
    [
      "GET",
      "/runs/{flow}/{run}/parameters",
      {
        tag: "Dashboard",
        summary: "The run's parameters with their values (Python repr, read from the datastore; `reason` when not readable)",
        query: namespaceQuery,
        response: runParametersWire,
        errors: [400, 404],
      },
    ],
    [
      "GET",
      "/runs/{flow}/{run}/tasks",
      {
        tag: "Dashboard",
        summary: "A page of the run's tasks: filter by step and status, sort by start or duration; keyset-paginated",
        query: taskListParams,
        response: runTasksWire,
        errors: [400, 404],
      },
    ],
    [
      "GET",
      "/runs/{flow}/{run}/timeline",
      {
        tag: "Dashboard",
        summary: "A page of the run's tasks for the timeline: steps in the order they started, each task with its attempts",
        query: timelineParams,
        response: timelineWire,
        errors: [400, 404],
      },
    ],
    [
      "GET",
      "/runs/{flow}/{run}/{step}/{task}",
      {
        tag: "Dashboard",
        summary: "One task: what Metaflow's `current` gave inside it, its attempts, every metadata row, and whether its datastore is readable here",
        path: taskPath,
        query: namespaceQuery,
        response: taskDetailWire,
        errors: [400, 404],
      },
    ],
    [
      "GET",
      "/runs/{flow}/{run}/{step}/{task}/artifacts",
      {
        tag: "Dashboard",
        summary: "The task's artifacts of one attempt (latest by default): name, type, sha, location, size when readable",
        query: artifactsParams,
        response: taskArtifactsWire,
        errors: [400, 404],
      },
    ],
    [
      "GET",
      "/runs/{flow}/{run}/{step}/{task}/artifacts/{name}",
      {
        tag: "Dashboard",
        summary:
          "One artifact with a preview of its value: Python's repr of basic values (None, bool, int, float, str, bytes, list, tuple, set, dict); anything else is not previewable, and nothing is executed",
        query: artifactParams,
        response: artifactPreviewWire,
        errors: [400, 404],
      },
    ],
    [
      "GET",
      "/runs/{flow}/{run}/{step}/{task}/cards",
      {
        tag: "Dashboard",
        summary: "The task's Metaflow cards found in its datastore (mf.cards)",
        query: namespaceQuery,
        response: taskCardsWire,
        errors: [400, 404],
      },
    ],
    [
      "GET",
      "/runs/{flow}/{run}/{step}/{task}/cards/{id}",
      {
        tag: "Dashboard",
        summary: "One card's HTML (text/html), with a sandboxing Content-Security-Policy: its scripts run in an opaque origin",
        description:
          "For a sandboxed iframe: the Content-Security-Policy `sandbox allow-scripts` lets the card's scripts run in an opaque origin, away from Flowdeck and its cookies. 404 when the task has no such card or its file cannot be read.",
        query: namespaceQuery,
        response: { text: z.string(), mediaType: "text/html" },
        responseHeaders: z.object({
          "Content-Security-Policy": z
            .string()
            .meta({ description: "sandbox allow-scripts; default-src 'none'; inline scripts and styles, data: and blob: images, data: fonts" }),
          "X-Content-Type-Options": z.literal("nosniff"),
          "Cache-Control": z.string().meta({ description: "private, max-age=60" }),
        }),
        errors: [400, 404],
      },
    ],
    [
      "GET",
      "/runs/{flow}/{run}/{step}/{task}/logs",
      {
        tag: "Dashboard",
        summary: "A task's log lines: pushed ones and, for Metaflow's local datastore, the files under its ds-root",
        path: taskPath,
        description:
          'Latest attempt by default. `nextCursor` continues, also after the end (follow mode: it is where new lines will appear); `q` searches (plain text, any case). With download=1 the whole log is answered as text/plain, one "<ISO time>\\t<line>" per line, as an attachment.',
        query: taskLogsQuery,
        response: taskLogsWire,
        alsoAnswers: [{ mediaType: "text/plain", schema: z.string().meta({ description: "download=1: the whole log" }) }],
        responseHeaders: z.object({
          "Content-Disposition": z.string().optional().meta({ description: 'download=1: attachment; filename="<flow>-<run>-<step>-<task>.<stream>.log"' }),
        }),
        errors: [400, 404],
      },
    ],
  ]),
);
