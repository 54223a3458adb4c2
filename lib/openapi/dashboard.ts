// OpenAPI paths of the dashboard API (/api/v1), merged into the one document
// by lib/openapi/document.ts. The task logs route is described in ./logs.ts.
// Dashboard errors are JSON `{ error: { code, message, … } }` (lib/http/json-route.ts).
import { z } from "zod";
import { bulkTagEditSchema, tagChangeSchema } from "../domain/tag-edit";
import { deployBodySchema } from "../domain/deployment-requests";
import { arrayOf, buildPaths, ref, type OperationSpec, type PathItems, type Schema } from "./spec";

/** A request body's schema, from the zod schema the route validates with. */
const bodyOf = (schema: z.ZodType): Schema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Schema;
  return rest;
};

const str = { type: "string" };
const strs = arrayOf(str);
const int = { type: "integer" };
const num = { type: "number" };
const nullable = (type: string) => ({ type: [type, "null"] });
const status = { type: "string", enum: ["running", "completed", "failed"] };

export const dashboardSchemas: Record<string, Schema> = {
  DashboardError: {
    type: "object",
    properties: {
      error: {
        type: "object",
        description: "`code` is bad_request, not_found, not_in_namespace, …; not_in_namespace adds `namespaces` (those the run is in) and `pathspec`.",
        properties: { code: str, message: str, namespaces: strs, pathspec: str },
        required: ["code", "message"],
      },
    },
  },
  RunSummary: {
    type: "object",
    description: "Times are epoch milliseconds, last_heartbeat_ts epoch seconds. `key` is the id the run is known by (string run id, else its number).",
    properties: {
      flow: str, runNumber: int, runId: nullable("string"), key: str, pathspec: str, userName: str, createdTs: num,
      lastHeartbeatTs: nullable("number"), finishedTs: nullable("number"), status, durationMs: nullable("number"),
      tags: { ...strs, description: "User tags" }, systemTags: strs, originRunId: nullable("string"),
    },
  },
  TaskListRow: {
    type: "object",
    description: "A task in a run's lists. durationMs: to its end, to now while running, else to its last heartbeat.",
    properties: { key: str, step: str, pathspec: str, attempt: int, status, createdTs: num, finishedTs: nullable("number"), durationMs: nullable("number") },
  },
  RunTags: {
    type: "object",
    properties: { tags: { ...strs, description: "User tags, sorted" }, systemTags: strs },
  },
  AuditEvent: {
    type: "object",
    description: "One change, kept forever. `source` is ui, api, metadata-api or cli; `actor` is who (metaflow-client for the metadata API, which carries no user).",
    properties: {
      id: int, ts: { ...num, description: "Epoch milliseconds" }, actor: str, source: str,
      kind: { type: "string", description: "tags_changed" }, subject: { ...str, description: "The run's pathspec" },
      runDbId: nullable("integer"), added: strs, removed: strs, detail: { type: ["object", "null"] },
    },
  },
  Deployment: {
    type: "object",
    description: "A production deployment. Its runs carry production:<token>; `previous` lists the namespaces of earlier tokens with their runs.",
    properties: {
      flow: str, token: str, namespace: str, deployedBy: str, createdTs: num, updatedTs: num, version: int, retired: { type: "boolean" },
      retiredTs: nullable("number"), authorized: strs, runCount: int,
      previous: arrayOf({ type: "object", properties: { namespace: str, runCount: int, createdTs: num, createdBy: str, replacedTs: nullable("number") } }),
      history: { ...arrayOf({ type: "object", properties: { ts: num, kind: str, actor: str, source: str, message: str } }), description: "Newest first (GET /deployments/{flow} only)" },
    },
  },
  AuditPage: {
    type: "object",
    properties: { events: arrayOf(ref("AuditEvent")), nextCursor: nullable("string") },
  },
  Namespace: {
    type: "object",
    properties: { name: str, kind: { type: "string", enum: ["user", "production", "tag"] }, runCount: int, lastActivityTs: num },
  },
  FlowSummary: {
    type: "object",
    properties: {
      name: str,
      latestRun: { oneOf: [ref("RunSummary"), { type: "null" }] },
      history: { ...arrayOf({ type: "object", properties: { key: str, pathspec: str, status, createdTs: num } }), description: "Up to 10 newest runs in the namespace, newest first" },
    },
  },
  Step: {
    type: "object",
    properties: {
      name: str, createdTs: num, status, taskCount: int,
      counts: { type: "object", properties: { completed: int, failed: int, running: int } },
      tasks: {
        ...arrayOf({
          type: "object",
          properties: {
            key: str, attempt: int, status, createdTs: num, finishedTs: nullable("number"), durationMs: nullable("number"),
            current: {
              type: "object",
              description: "What Metaflow's `current` gives inside the task",
              properties: { flow_name: str, run_id: str, origin_run_id: nullable("string"), step_name: str, task_id: str, pathspec: str, username: str },
            },
          },
        }),
        description: "The first 50 tasks of the step; counts cover all",
      },
    },
  },
};

const namespaceParam = {
  name: "namespace",
  description: "Namespace in effect: a tag such as user:anne, production:<token> or xyz_features, or `global`. Default: the remembered choice, else user:<you>.",
};

const ERRORS: Record<number, string> = {
  400: "Bad parameters: the message says what to fix",
  404: "Not found (`not_found`), or the run is outside the namespace in effect (`not_in_namespace`, with the namespaces it is in)",
  401: "The API key in Authorization is not valid, or the proxy's identity header is missing",
  403: "Refused: the caller is not authorized for this deployment (the message says how to become so)",
  409: "Someone changed the same deployment at the same moment: look again and retry",
  422: "The request breaks a rule: removing a system tag, more than 50 user tags, revoking the last authorized person, or a retired deployment",
};

const rows: [string, string, OperationSpec, number[]][] = [
  ["GET", "/runs", {
    tag: "Dashboard",
    summary: "Runs in a namespace, newest first, filtered and keyset-paginated",
    query: [
      namespaceParam,
      { name: "tag", description: "Runs carrying all of these tags (repeat the parameter)", schema: arrayOf(str) },
      { name: "anyTag", description: "Runs carrying at least one of these tags (repeatable)", schema: arrayOf(str) },
      { name: "notTag", description: "Runs carrying none of these tags (repeatable)", schema: arrayOf(str) },
      { name: "status", description: "running, completed or failed", schema: status },
      { name: "flow", description: "Flow name" },
      { name: "user", description: "Runs of this user (carrying user:<user>)" },
      { name: "since", description: "Started at or after: ISO date or epoch ms" },
      { name: "until", description: "Started before: ISO date or epoch ms" },
      { name: "limit", description: "Page size, 1–200 (default 50)", schema: int },
      { name: "cursor", description: "nextCursor of the previous page" },
    ],
    response: { type: "object", properties: { runs: arrayOf(ref("RunSummary")), nextCursor: nullable("string") } },
  }, [400]],
  ["GET", "/namespaces", {
    tag: "Dashboard",
    summary: "Every namespace that exists (users, production tokens, tags in use) with run counts and last activity",
    query: [
      { name: "prefix", description: "Only namespaces starting with this" },
      { name: "limit", description: "At most this many, by run count (1–5000, default 1000)", schema: int },
    ],
    response: { type: "object", properties: { namespaces: arrayOf(ref("Namespace")), truncated: { type: "boolean" } } },
  }, [400]],
  ["GET", "/tags", {
    tag: "Dashboard",
    summary: "Tag autocomplete: keys of key:value tags first, then values; most used first",
    query: [
      { name: "prefix", description: "What has been typed so far" },
      { name: "limit", description: "At most this many suggestions (1–20)", schema: int },
    ],
    response: {
      type: "object",
      properties: {
        suggestions: arrayOf({ type: "object", properties: { value: str, kind: { type: "string", enum: ["key", "tag"] }, system: { type: "boolean" }, runCount: int } }),
      },
    },
  }, [400]],
  ["GET", "/flows", {
    tag: "Dashboard",
    summary: "Flows with runs in the namespace, each with its latest run there and a short status history",
    query: [namespaceParam],
    response: {
      type: "object",
      properties: {
        namespace: str,
        latestIsAmbiguous: { type: "boolean", description: "True in the global namespace: latest means latest by anyone" },
        flows: arrayOf(ref("FlowSummary")),
      },
    },
  }, [400]],
  ["GET", "/flows/{flow}/latest-run", {
    tag: "Dashboard",
    summary: "The flow's latest run in the namespace (Metaflow's latest_run); null when none of its runs is in it",
    query: [namespaceParam],
    response: {
      type: "object",
      properties: { flow: str, namespace: str, latestIsAmbiguous: { type: "boolean" }, run: { oneOf: [ref("RunSummary"), { type: "null" }] } },
    },
  }, [400, 404]],
  ["GET", "/runs/{flow}/{run}", {
    tag: "Dashboard",
    summary: "One run with its steps and tasks, and the resume links both ways; refused outside the namespace",
    query: [namespaceParam],
    response: {
      type: "object",
      properties: {
        namespace: str,
        run: ref("RunSummary"),
        origin: { oneOf: [ref("RunSummary"), { type: "null" }], description: "The run this one was resumed from" },
        resumed: { ...arrayOf(ref("RunSummary")), description: "Runs resumed from this one" },
        steps: arrayOf(ref("Step")),
      },
    },
  }, [400, 404]],
  ["GET", "/runs/{flow}/{run}/tags", {
    tag: "Dashboard",
    summary: "A run's user and system tags; refused outside the namespace",
    query: [namespaceParam],
    response: ref("RunTags"),
  }, [400, 404]],
  ["PATCH", "/runs/{flow}/{run}/tags", {
    tag: "Dashboard",
    summary: "Remove, then add, user tags of one run, atomically (a rename is both at once)",
    description: "Limits as the metadata API: at most 50 user tags, each 1–500 characters of valid UTF-8. Removing a system tag is refused (422); adding a tag that is a system tag changes nothing. Recorded in the audit history under the caller (source cli when the header X-Flowdeck-Client: cli is sent, else api).",
    body: bodyOf(tagChangeSchema),
    response: ref("RunTags"),
  }, [400, 404, 422]],
  ["POST", "/tag-edits", {
    tag: "Dashboard",
    summary: "Add or remove tags on many runs: named ones, or every run matching the runs list filters (at most 100,000)",
    description: "Each run is changed atomically or not at all; the answer counts the runs changed, those that needed no change, and each run refused with why.",
    body: bodyOf(bulkTagEditSchema),
    response: {
      type: "object",
      properties: { changed: int, unchanged: int, failed: arrayOf({ type: "object", properties: { run: str, error: str } }) },
    },
  }, [400]],
  ["GET", "/runs/count", {
    tag: "Dashboard",
    summary: "How many runs match the runs list filters (what a bulk edit by filter would change), counted up to 100,000",
    query: [namespaceParam, { name: "tag", description: "As in GET /runs (and anyTag, notTag, status, flow, user, since, until)", schema: arrayOf(str) }],
    response: { type: "object", properties: { count: int, capped: { type: "boolean", description: "More than 100,000 match" } } },
  }, [400]],
  ["GET", "/runs/{flow}/{run}/tag-history", {
    tag: "Dashboard",
    summary: "Every change to a run's tags, newest first, keyset-paginated",
    query: [{ name: "limit", description: "1–200 (default 50)", schema: int }, { name: "cursor", description: "nextCursor of the previous page" }],
    response: ref("AuditPage"),
  }, [400, 404]],
  ["GET", "/audit", {
    tag: "Dashboard",
    summary: "The audit history, newest first: filter by who, tag, run and time; keyset-paginated",
    query: [
      { name: "user", description: "Changes made by this person" },
      { name: "tag", description: "Changes that added or removed this tag" },
      { name: "run", description: "Changes of this run (Flow/run)" },
      { name: "since", description: "At or after: ISO date or epoch ms" },
      { name: "until", description: "Before: ISO date or epoch ms" },
      { name: "limit", description: "1–200 (default 50)", schema: int },
      { name: "cursor", description: "nextCursor of the previous page" },
    ],
    response: ref("AuditPage"),
  }, [400]],
  ["GET", "/deployments", {
    tag: "Production",
    summary: "Every production deployment, with its namespaces and who may deploy it",
    response: { type: "object", properties: { guard: { type: "string", enum: ["token", "grants"] }, deployments: arrayOf(ref("Deployment")) } },
  }, []],
  ["GET", "/deployments/{flow}", {
    tag: "Production",
    summary: "One deployment with its history",
    response: ref("Deployment"),
  }, [400, 404]],
  ["POST", "/deployments/{flow}", {
    tag: "Production",
    summary: "Deploy: the first time makes a token; afterwards the authorized redeploy, anyone else presents the current token once (authorize)",
    description: "generateNewToken (authorized people only) starts a fresh, empty namespace. With FLOWDECK_PRODUCTION_GUARD=grants a token authorizes nobody. 403 carries the refusal (who deployed last, the command to use); 409 a conflicting simultaneous change. The body may be omitted.",
    body: bodyOf(deployBodySchema),
    response: {
      type: "object",
      properties: { token: str, namespace: str, firstDeployment: { type: "boolean" }, rotated: { type: "boolean" }, authorizedNow: { type: "boolean" }, previousNamespace: nullable("string"), message: str },
    },
  }, [400, 403, 409]],
  ["POST", "/deployments/{flow}/grants/{user}", {
    tag: "Production",
    summary: "Authorize a person to deploy the flow (the caller must be authorized)",
    response: { type: "object", properties: { changed: { type: "boolean" }, message: str } },
  }, [400, 403, 404]],
  ["DELETE", "/deployments/{flow}/grants/{user}", {
    tag: "Production",
    summary: "Revoke a person's authorization (never the last one's)",
    response: { type: "object", properties: { changed: { type: "boolean" }, message: str } },
  }, [400, 403, 404, 422]],
  ["POST", "/deployments/{flow}/retire", {
    tag: "Production",
    summary: "Retire a deployment made by mistake: kept in the history, its runs stay browsable; the next deploy starts afresh",
    response: { type: "object", properties: { message: str } },
  }, [400, 403, 404, 422]],
  ["GET", "/resolve", {
    tag: "Dashboard",
    summary: "Where a typed pathspec leads (Go to pathspec): a flow name in the wrong case is corrected to the recorded one",
    query: [{ name: "pathspec", description: "Flow, Flow/run, Flow/run/step or Flow/run/step/task" }, namespaceParam],
    response: { type: "object", properties: { href: str, pathspec: { ...str, description: "As recorded" }, corrected: { type: "boolean" } } },
  }, [400]],
  ["GET", "/views", {
    tag: "Dashboard",
    summary: "Saved views of the runs list (everyone's): name, author, the list's query, and the view's own link",
    response: {
      type: "object",
      properties: { views: arrayOf({ type: "object", properties: { id: int, userName: str, name: str, query: str, updatedTs: num, href: str } }) },
    },
  }, []],
  ["GET", "/whoami", {
    tag: "Dashboard",
    summary: "Who this Flowdeck takes the caller to be: an API key's person (Authorization: Bearer), else the proxy's header, else X-Flowdeck-User or the chosen user",
    response: { type: "object", properties: { user: str, mode: { type: "string", enum: ["local", "proxy"] }, canSwitch: { type: "boolean" } } },
  }, [401]],
  ["GET", "/runs/{flow}/{run}/dag", {
    tag: "Dashboard",
    summary: "The run's steps as a graph: from the flow's _graph_info when its datastore is readable (split, foreach, join), else the recorded steps in the order they started (`source` says which, `note` why)",
    query: [namespaceParam],
    response: {
      type: "object",
      properties: {
        source: { type: "string", enum: ["graph_info", "recorded"] }, note: nullable("string"),
        nodes: arrayOf({ type: "object", properties: { name: str, kind: { type: "string", description: "start, linear, split, foreach, join, end, switch, parallel or unknown" }, status: { type: "string", enum: ["running", "completed", "failed", "not_started"] }, taskCount: int, foreachArtifact: nullable("string"), doc: nullable("string") } }),
        edges: arrayOf({ type: "object", properties: { from: str, to: str, foreach: { type: "boolean" } } }),
        layout: { type: "object", description: "Positions by dagre (top to bottom): nodes {name, x, y} (centres), edges {from, to, points}" },
      },
    },
  }, [400, 404]],
  ["GET", "/runs/{flow}/{run}/parameters", {
    tag: "Dashboard",
    summary: "The run's parameters with their values (Python repr, read from the datastore; `reason` when not readable)",
    query: [namespaceParam],
    response: { type: "object", properties: { parameters: arrayOf({ type: "object", properties: { name: str, type: nullable("string"), value: nullable("string"), reason: nullable("string") } }) } },
  }, [400, 404]],
  ["GET", "/runs/{flow}/{run}/tasks", {
    tag: "Dashboard",
    summary: "A page of the run's tasks: filter by step and status, sort by start or duration; keyset-paginated",
    query: [
      { name: "step", description: "Only this step's tasks" },
      { name: "status", description: "running, completed or failed", schema: { enum: ["running", "completed", "failed"] } },
      { name: "sort", description: "start (default, oldest first) or duration (longest first)", schema: { enum: ["start", "duration"] } },
      { name: "order", description: "asc or desc (default: asc for start, desc for duration)", schema: { enum: ["asc", "desc"] } },
      { name: "limit", description: "1–1000 (default 200)", schema: int },
      { name: "cursor", description: "nextCursor of the previous page" },
      namespaceParam,
    ],
    response: { type: "object", properties: { tasks: arrayOf(ref("TaskListRow")), nextCursor: nullable("string") } },
  }, [400, 404]],
  ["GET", "/runs/{flow}/{run}/timeline", {
    tag: "Dashboard",
    summary: "A page of the run's tasks for the timeline: steps in the order they started, each task with its attempts",
    query: [{ name: "limit", description: "1–1000 (default 200)", schema: int }, { name: "cursor", description: "nextCursor of the previous page" }, namespaceParam],
    response: {
      type: "object",
      properties: {
        total: { type: ["integer", "null"], description: "Tasks in the run (first page only)" }, runStart: num, runEnd: num, status,
        tasks: arrayOf({ allOf: [ref("TaskListRow"), { type: "object", properties: { attempts: arrayOf({ type: "object", properties: { attempt: int, startTs: num, endTs: nullable("number"), status } }) } }] }),
        nextCursor: nullable("string"),
      },
    },
  }, [400, 404]],
  ["GET", "/runs/{flow}/{run}/{step}/{task}", {
    tag: "Dashboard",
    summary: "One task: what Metaflow's `current` gave inside it, its attempts, every metadata row, and whether its datastore is readable here",
    query: [namespaceParam],
    response: {
      type: "object",
      properties: {
        pathspec: str, step: str, key: str, status, createdTs: num, finishedTs: nullable("number"),
        current: { type: "object", properties: { flow_name: str, run_id: str, origin_run_id: nullable("string"), step_name: str, task_id: str, retry_count: int, pathspec: str, namespace: str, username: str, tags: strs } },
        attempts: arrayOf({ type: "object", properties: { attempt: int, startTs: num, endTs: nullable("number"), status } }),
        metadata: arrayOf({ type: "object", properties: { id: int, fieldName: str, value: str, type: str, createdTs: num, tags: strs } }),
        datastore: { type: "object", properties: { readable: { type: "boolean" }, reason: nullable("string"), root: nullable("string") } },
      },
    },
  }, [400, 404]],
  ["GET", "/runs/{flow}/{run}/{step}/{task}/artifacts", {
    tag: "Dashboard",
    summary: "The task's artifacts of one attempt (latest by default): name, type, sha, location, size when readable",
    query: [{ name: "attempt", description: "Attempt number", schema: int }, namespaceParam],
    response: {
      type: "object",
      properties: {
        attempt: int,
        artifacts: arrayOf({ type: "object", properties: { name: str, type: str, contentType: str, sha: str, location: str, dsType: str, attempt: int, createdTs: num, sizeBytes: nullable("integer"), readable: { type: "boolean" } } }),
        datastore: { type: "object", properties: { readable: { type: "boolean" }, reason: nullable("string") } },
      },
    },
  }, [400, 404]],
  ["GET", "/runs/{flow}/{run}/{step}/{task}/artifacts/{name}", {
    tag: "Dashboard",
    summary: "One artifact with a preview of its value: Python's repr of basic values (None, bool, int, float, str, bytes, list, tuple, set, dict); anything else is not previewable, and nothing is executed",
    query: [{ name: "attempt", description: "Attempt number; the latest that recorded it by default", schema: int }, namespaceParam],
    response: {
      type: "object",
      properties: {
        name: str, attempt: int, sha: str, location: str, type: str,
        preview: { type: "object", properties: { previewable: { type: "boolean" }, type: str, repr: str, truncated: { type: "boolean" }, reason: str } },
      },
    },
  }, [400, 404]],
  ["GET", "/runs/{flow}/{run}/{step}/{task}/cards", {
    tag: "Dashboard",
    summary: "The task's Metaflow cards found in its datastore (mf.cards)",
    query: [namespaceParam],
    response: { type: "object", properties: { cards: arrayOf({ type: "object", properties: { id: str, type: str, cardId: nullable("string"), hash: str } }), datastore: { type: "object" } } },
  }, [400, 404]],
  ["GET", "/runs/{flow}/{run}/{step}/{task}/cards/{id}", {
    tag: "Dashboard",
    summary: "One card's HTML (text/html), with a sandboxing Content-Security-Policy: its scripts run in an opaque origin",
    query: [namespaceParam],
    response: "text",
  }, [400, 404]],
  ["GET", "/events", {
    tag: "Dashboard",
    summary: "Server-sent events: changes (new runs, status, tags, tasks) for the namespace being viewed",
    description: "text/event-stream. `event: ready` once subscribed, then `event: change` with {kind, flow, runNumber, runDbId, tags?}; kind is run_created, run_updated, tags_changed, task_created or resync; a bulk tag edit sends tags_changed_many with runDbIds instead. A heartbeat comment every 15 s.",
    query: [{ name: "namespace", description: "Namespace being viewed (default global)" }],
    response: "text",
  }, [400]],
];

function dashboardErrors(codes: number[]): Record<number, unknown> {
  return Object.fromEntries(
    codes.map((code) => [code, { description: ERRORS[code], content: { "application/json": { schema: ref("DashboardError") } } }]),
  );
}

function build(): PathItems {
  const paths = buildPaths("/api/v1", rows.map(([method, path, spec]) => [method, path, spec]));
  for (const [method, path, , codes] of rows) {
    const op = paths[`/api/v1${path}`][method.toLowerCase()] as { responses: Record<number, unknown> };
    Object.assign(op.responses, dashboardErrors(codes));
  }
  // The events stream answers text/event-stream, not text/plain.
  const events = paths["/api/v1/events"].get as { responses: Record<number, { content?: unknown }> };
  events.responses[200].content = { "text/event-stream": { schema: { type: "string" } } };
  const card = paths["/api/v1/runs/{flow}/{run}/{step}/{task}/cards/{id}"].get as { responses: Record<number, { content?: unknown }> };
  card.responses[200].content = { "text/html": { schema: { type: "string" } } };
  return paths;
}

export const dashboardPaths: PathItems = build();
