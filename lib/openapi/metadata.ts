// OpenAPI description of the Metaflow-compatible metadata API (/api/metadata),
// generated from the request schemas the handlers validate with
// (lib/metadata-api/schemas.ts) and the wire schemas of what they answer
// (lib/metadata-api/wire-schemas.ts). tests/integration/openapi.test.ts checks
// it against lib/metadata-api/routes.ts and the running app's replies.
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { SERVICE_VERSION, VERSION_HEADER } from "../metadata-api/http";
import { DEFAULT_RUN_LIMIT, MAX_RUN_LIMIT } from "../metadata-api/run-list-query";
import { artifactBody, logLinesBody, metadataBody, objectBody, runBody, tagMutationBody, taskBody } from "../metadata-api/schemas";
import {
  artifactWire,
  artifactsCreatedWire,
  filteredTasksWire,
  flowWire,
  healthWire,
  heartbeatWire,
  linesCreatedWire,
  messageWire,
  metadataCreatedWire,
  metadataWire,
  notFoundWire,
  runWire,
  stepWire,
  tagsReplyWire,
  taskWire,
} from "../metadata-api/wire-schemas";
import { buildPaths, type ApiConventions, type OperationSpec } from "./spec";

type JsonSchema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>> };

/**
 * A request schema registered as a component, with descriptions added to
 * some of its properties (the schema itself stays as the handlers use it).
 */
function component(schema: z.ZodType, id: string, describe: Record<string, string> = {}, patch?: (s: JsonSchema) => void) {
  return schema.meta({
    id,
    override: ({ jsonSchema }: { jsonSchema: JsonSchema }) => {
      const target = (jsonSchema.type === "array" ? jsonSchema.items : jsonSchema) as JsonSchema;
      for (const [prop, description] of Object.entries(describe)) {
        if (target.properties?.[prop]) target.properties[prop].description = description;
      }
      patch?.(jsonSchema);
    },
  });
}

/** What `b.tags_to_add ?? []` and the list checks let through. */
const stringList = { type: ["array", "null"], items: { type: "string" } };

const bodies = {
  object: component(objectBody, "ObjectBody"),
  run: component(runBody, "RunBody", {
    run_number: 'A string run id; a numeric one is refused (400 "provided run_id may not be a numeric")',
    ts_epoch: "Creation time, epoch milliseconds (default: now)",
  }),
  task: component(taskBody, "TaskBody", { task_id: 'A task name; a numeric one is refused (400 "provided task_name may not be a numeric")' }),
  metadata: component(metadataBody, "MetadataBody", { value: "Text; other JSON values are stored as their JSON text" }),
  artifact: component(artifactBody, "ArtifactBody"),
  // The handler's transform checks the lists (with Metaflow's own messages); say what it accepts.
  tagMutation: component(tagMutationBody, "TagMutation", {}, (s) => {
    s.properties = {
      tags_to_add: { ...stringList, description: "Added after the removals; a tag that is a system tag is left alone" },
      tags_to_remove: { ...stringList, description: "Removing a system tag is refused (422)" },
    };
  }),
  logLines: component(logLinesBody, "LogLines", { attempt: "Defaults to the task's latest attempt", ts: "Epoch milliseconds" }),
};

const api: ApiConventions = {
  base: "/api/metadata",
  errorText: {
    400: "Bad input: the message says what to fix",
    401: "An API key is required (FLOWDECK_API_KEYS) and was missing or wrong",
    403: "A cross-site write (its Origin names another site): refused",
    404: "No such object (body `{}`)",
    409: "The object already exists, or a concurrent change conflicted: retry",
    413: "The body is larger than the limit (FLOWDECK_MAX_BODY_BYTES, 1 MB by default)",
    415: "A write whose body is not sent as application/json",
    422: "The request breaks a tag rule (e.g. removing a system tag)",
    503: "The database does not answer",
  },
  errorSchema: (status) => (status === 404 ? notFoundWire : messageWire),
  // A path with a dot segment, a control character or a bad encoding is a 400 anywhere; the database may be down.
  commonErrors: { read: [400, 503], write: [400, 403, 415, 503] },
  headers: z.object({
    [VERSION_HEADER]: z.literal(SERVICE_VERSION).meta({ description: "On every reply: Metaflow's client reads the features from it" }),
  }),
};

const RUN = "/flows/{flow}/runs/{run}";
const STEP = `${RUN}/steps/{step}`;
const TASK = `${STEP}/tasks/{task}`;
const W = [400, 401, 404, 413];

const runListQuery = z.object({
  _tags: z.string().optional().meta({ description: "Runs having all these tags (comma-separated); also _tags:all, _tags:any, _tags:likeall, _tags:likeany" }),
  _limit: z
    .string()
    .optional()
    .meta({
      description: `Page size, default ${DEFAULT_RUN_LIMIT}, at most ${MAX_RUN_LIMIT}. Any list parameter turns on pagination (X-Limit, X-Next-Cursor)`,
    }),
  _cursor: z.string().optional().meta({ description: "The X-Next-Cursor of the previous page" }),
});
const fieldFilter = {
  name: "field[:op]",
  description:
    "Filter on run_number, run_id, user_name, ts_epoch, last_heartbeat_ts, tags, system_tags, user, status with op eq ne lt le gt ge co sw ew li is; comma = OR; null = NULL",
};
const filteredTasksQuery = z.object({
  metadata_field_name: z.string().optional().meta({ description: "Only this metadata field" }),
  pattern: z.string().optional().meta({ description: "Regular expression searched in the value" }),
});

const heartbeat = (summary: string): OperationSpec => ({
  tag: summary.startsWith("Run") ? "Runs" : "Tasks",
  summary,
  response: heartbeatWire,
  errors: [401, 404, 413],
});

export const metadataPaths: ZodOpenApiPathsObject = buildPaths(api, [
  [
    "GET",
    "/ping",
    {
      tag: "Service",
      summary: "Liveness; the METADATA_SERVICE_VERSION header tells the client the features",
      response: { text: z.literal("pong") },
    },
  ],
  ["GET", "/version", { tag: "Service", summary: "Service version", response: { text: z.literal(SERVICE_VERSION) } }],
  ["GET", "/healthcheck", { tag: "Service", summary: "The service and its database answer", response: healthWire, errors: [503] }],
  ["GET", "/flows", { tag: "Flows", summary: "All flows", response: z.array(flowWire), errors: [401] }],
  ["GET", "/flows/{flow}", { tag: "Flows", summary: "One flow", response: flowWire, errors: [401, 404] }],
  ["POST", "/flows/{flow}", { tag: "Flows", summary: "Create a flow", body: bodies.object, bodyOptional: true, response: flowWire, errors: [...W, 409] }],
  [
    "GET",
    "/flows/{flow}/runs",
    {
      tag: "Runs",
      summary: "Runs of a flow, newest first",
      query: runListQuery,
      extraQuery: [fieldFilter],
      response: z.array(runWire),
      errors: [400, 401, 404],
      description: "Without list parameters: every run (what older clients expect).",
      responseHeaders: z.object({
        "X-Limit": z.string().optional().meta({ description: "Page size (paginated form)" }),
        "X-Next-Cursor": z.string().optional().meta({ description: "Cursor of the next page, when there is one" }),
      }),
    },
  ],
  [
    "POST",
    "/flows/{flow}/run",
    {
      tag: "Runs",
      summary: "Create a run (numbered, or with a string run id)",
      body: bodies.run,
      bodyOptional: true,
      response: runWire,
      errors: [...W, 409],
      description: "When system_tags hold metaflow_version: ≥ 2.2.12, last_heartbeat_ts starts at now.",
    },
  ],
  ["GET", RUN, { tag: "Runs", summary: "One run", response: runWire, errors: [401, 404] }],
  ["POST", `${RUN}/heartbeat`, heartbeat("Run heartbeat (kept at most every 10 s)")],
  [
    "PATCH",
    `${RUN}/tag/mutate`,
    {
      tag: "Runs",
      summary: "Remove then add user tags, atomically",
      body: bodies.tagMutation,
      response: tagsReplyWire,
      errors: [...W, 409, 422],
      description: "409 on a conflicting concurrent mutation (Metaflow's client retries); a request that changes nothing answers 200.",
    },
  ],
  ["GET", `${RUN}/metadata`, { tag: "Metadata", summary: "All metadata of a run", response: z.array(metadataWire), errors: [401, 404] }],
  [
    "GET",
    `${RUN}/artifacts`,
    { tag: "Artifacts", summary: "Artifacts of a run (each task's latest attempt)", response: z.array(artifactWire), errors: [401, 404] },
  ],
  ["GET", `${RUN}/steps`, { tag: "Steps", summary: "Steps of a run", response: z.array(stepWire), errors: [401, 404] }],
  ["GET", STEP, { tag: "Steps", summary: "One step", response: stepWire, errors: [401, 404] }],
  ["POST", `${STEP}/step`, { tag: "Steps", summary: "Create a step", body: bodies.object, bodyOptional: true, response: stepWire, errors: [...W, 409] }],
  [
    "GET",
    `${STEP}/artifacts`,
    { tag: "Artifacts", summary: "Artifacts of a step (each task's latest attempt)", response: z.array(artifactWire), errors: [401, 404] },
  ],
  ["GET", `${STEP}/tasks`, { tag: "Tasks", summary: "Tasks of a step", response: z.array(taskWire), errors: [401, 404] }],
  [
    "GET",
    `${STEP}/filtered_tasks`,
    {
      tag: "Tasks",
      summary: "Pathspecs of tasks whose metadata value matches a regular expression",
      query: filteredTasksQuery,
      response: filteredTasksWire,
      errors: [400, 401, 404],
    },
  ],
  [
    "POST",
    `${STEP}/task`,
    { tag: "Tasks", summary: "Create a task (refreshes the run heartbeat)", body: bodies.task, bodyOptional: true, response: taskWire, errors: [...W, 409] },
  ],
  ["GET", TASK, { tag: "Tasks", summary: "One task", response: taskWire, errors: [401, 404] }],
  ["POST", `${TASK}/heartbeat`, heartbeat("Task heartbeat (also the run's)")],
  ["GET", `${TASK}/metadata`, { tag: "Metadata", summary: "Metadata of a task", response: z.array(metadataWire), errors: [401, 404] }],
  [
    "POST",
    `${TASK}/metadata`,
    {
      tag: "Metadata",
      summary: "Record metadata (attempt, attempt_ok, ds-root, …)",
      body: bodies.metadata,
      response: metadataCreatedWire,
      errors: [400, 401, 413],
      description: 'Unknown run or task: 400 "need to register run_id and task_id first".',
    },
  ],
  [
    "POST",
    `${TASK}/artifact`,
    {
      tag: "Artifacts",
      summary: "Record artifacts",
      body: bodies.artifact,
      response: artifactsCreatedWire,
      errors: [400, 401, 413],
      description: 'Unknown run or task: 400 "need to register run_id and task_id first".',
    },
  ],
  ["GET", `${TASK}/artifacts`, { tag: "Artifacts", summary: "Artifacts of a task's latest attempt", response: z.array(artifactWire), errors: [401, 404] }],
  ["GET", `${TASK}/artifacts/{name}`, { tag: "Artifacts", summary: "One artifact, latest attempt", response: artifactWire, errors: [401, 404] }],
  [
    "GET",
    `${TASK}/artifacts/{name}/attempt/{attempt}`,
    { tag: "Artifacts", summary: "One artifact of one attempt", response: artifactWire, errors: [400, 401, 404] },
  ],
  [
    "GET",
    `${TASK}/attempt/{attempt}/artifacts`,
    { tag: "Artifacts", summary: "Artifacts of one attempt", response: z.array(artifactWire), errors: [400, 401, 404] },
  ],
  [
    "POST",
    `${TASK}/logs`,
    {
      tag: "Logs",
      summary: "Append log lines (Flowdeck's own, for clients that push logs)",
      body: bodies.logLines,
      response: linesCreatedWire,
      errors: W,
    },
  ],
]);
