// OpenAPI description of the Metaflow-compatible metadata API (/api/metadata).
// tests/integration/openapi.test.ts checks it against lib/metadata-api/routes.ts.
import { arrayOf, buildPaths, ref, type OperationSpec, type Schema } from "./spec";

const str = { type: "string" };
const strs = { type: "array", items: str };
const int = { type: "integer" };
const idOrName = { oneOf: [int, str] };
const tagsOfRun = { tags: strs, system_tags: strs };

export const metadataSchemas: Record<string, Schema> = {
  Message: { type: "object", properties: { message: str }, required: ["message"] },
  Flow: { type: "object", properties: { flow_id: str, user_name: { type: ["string", "null"] }, ts_epoch: int, ...tagsOfRun } },
  Run: {
    type: "object",
    description: "run_number is the string run id when the client gave one, else the number. ts_epoch in ms, last_heartbeat_ts in s.",
    properties: { flow_id: str, run_number: idOrName, user_name: str, ts_epoch: int, ...tagsOfRun, last_heartbeat_ts: { type: ["integer", "null"] } },
  },
  Step: {
    type: "object",
    description: "Tags are the run's.",
    properties: { flow_id: str, run_number: idOrName, step_name: str, user_name: str, ts_epoch: int, ...tagsOfRun },
  },
  Task: {
    type: "object",
    description: "task_id is the task name when the client gave one, else the number. Tags are the run's.",
    properties: {
      flow_id: str, run_number: idOrName, step_name: str, task_id: idOrName, user_name: str, ts_epoch: int, ...tagsOfRun,
      last_heartbeat_ts: { type: ["integer", "null"] },
    },
  },
  Metadata: {
    type: "object",
    properties: {
      id: int, flow_id: str, run_number: idOrName, step_name: str, task_id: idOrName, field_name: str, value: str, type: str,
      user_name: str, ts_epoch: int, ...tagsOfRun,
    },
  },
  Artifact: {
    type: "object",
    description: "Tags are the run's.",
    properties: {
      flow_id: str, run_number: idOrName, step_name: str, task_id: idOrName, name: str, location: str, ds_type: str, sha: str,
      type: str, content_type: str, user_name: str, attempt_id: int, ts_epoch: int, ...tagsOfRun,
    },
  },
  ObjectBody: { type: "object", properties: { user_name: str, ...tagsOfRun } },
  RunBody: {
    type: "object",
    properties: {
      user_name: str, ...tagsOfRun, ts_epoch: int,
      run_number: { type: "string", description: "A string run id; a numeric one is refused (400)" },
    },
  },
  TaskBody: {
    type: "object",
    properties: { user_name: str, ...tagsOfRun, task_id: { type: "string", description: "A task name; a numeric one is refused (400)" } },
  },
  MetadataBody: arrayOf({
    type: "object",
    required: ["field_name", "value"],
    properties: { field_name: str, value: str, type: str, user_name: str, ...tagsOfRun },
  }),
  ArtifactBody: arrayOf({
    type: "object",
    required: ["name"],
    properties: {
      name: str, location: str, ds_type: str, sha: str, type: str, content_type: str, attempt_id: int, user_name: str, ...tagsOfRun,
    },
  }),
  TagMutation: { type: "object", properties: { tags_to_add: strs, tags_to_remove: strs } },
  LogLines: {
    type: "object",
    required: ["stream", "lines"],
    properties: {
      stream: { enum: ["stdout", "stderr"] },
      attempt: { type: "integer", description: "Defaults to the task's latest attempt" },
      lines: arrayOf({ type: "object", required: ["line"], properties: { line: str, ts: { type: "number", description: "epoch ms" } } }),
    },
  },
};

const HEARTBEAT: OperationSpec["response"] = {
  type: "string",
  description: 'A JSON string whose content is {"wait_time_in_seconds": 10}: Metaflow\'s client decodes it twice.',
};
const RUN = "/flows/{flow}/runs/{run}";
const STEP = `${RUN}/steps/{step}`;
const TASK = `${STEP}/tasks/{task}`;
const NF = [404];
const W = [400, 401, 404, 413];

const runListQuery = [
  { name: "_tags", description: "Runs having all these tags (comma-separated); also _tags:all, _tags:any, _tags:likeall, _tags:likeany" },
  { name: "_limit", description: "Page size, default 50, at most 500. Any list parameter turns on pagination (X-Limit, X-Next-Cursor)" },
  { name: "_cursor", description: "The X-Next-Cursor of the previous page" },
  { name: "field[:op]", description: "Filter on run_number, run_id, user_name, ts_epoch, last_heartbeat_ts, tags, system_tags, user, status with op eq ne lt le gt ge co sw ew li is; comma = OR; null = NULL" },
];

export const metadataPaths = buildPaths("/api/metadata", [
  ["GET", "/ping", { tag: "Service", summary: "Liveness; the METADATA_SERVICE_VERSION header tells the client the features", response: "text" }],
  ["GET", "/version", { tag: "Service", summary: "Service version", response: "text" }],
  ["GET", "/healthcheck", { tag: "Service", summary: "The service and its database answer", response: { type: "object", properties: { status: str } } }],
  ["GET", "/flows", { tag: "Flows", summary: "All flows", response: arrayOf(ref("Flow")) }],
  ["GET", "/flows/{flow}", { tag: "Flows", summary: "One flow", response: ref("Flow"), errors: NF }],
  ["POST", "/flows/{flow}", { tag: "Flows", summary: "Create a flow", body: ref("ObjectBody"), response: ref("Flow"), errors: [...W, 409] }],
  ["GET", "/flows/{flow}/runs", {
    tag: "Runs", summary: "Runs of a flow, newest first", query: runListQuery, response: arrayOf(ref("Run")), errors: [400, 404],
    description: "Without list parameters: every run (what older clients expect).",
    responseHeaders: { "X-Limit": "Page size (paginated form)", "X-Next-Cursor": "Cursor of the next page, when there is one" },
  }],
  ["POST", "/flows/{flow}/run", { tag: "Runs", summary: "Create a run (numbered, or with a string run id)", body: ref("RunBody"), response: ref("Run"), errors: [...W, 409] }],
  ["GET", RUN, { tag: "Runs", summary: "One run", response: ref("Run"), errors: NF }],
  ["POST", `${RUN}/heartbeat`, { tag: "Runs", summary: "Run heartbeat (kept at most every 10 s)", response: HEARTBEAT, errors: [401, 404] }],
  ["PATCH", `${RUN}/tag/mutate`, {
    tag: "Runs", summary: "Remove then add user tags, atomically", body: ref("TagMutation"),
    response: { type: "object", properties: { tags: strs } }, errors: [...W, 409, 422],
  }],
  ["GET", `${RUN}/metadata`, { tag: "Metadata", summary: "All metadata of a run", response: arrayOf(ref("Metadata")), errors: NF }],
  ["GET", `${RUN}/artifacts`, { tag: "Artifacts", summary: "Artifacts of a run (each task's latest attempt)", response: arrayOf(ref("Artifact")), errors: NF }],
  ["GET", `${RUN}/steps`, { tag: "Steps", summary: "Steps of a run", response: arrayOf(ref("Step")), errors: NF }],
  ["GET", STEP, { tag: "Steps", summary: "One step", response: ref("Step"), errors: NF }],
  ["POST", `${STEP}/step`, { tag: "Steps", summary: "Create a step", body: ref("ObjectBody"), response: ref("Step"), errors: [...W, 409] }],
  ["GET", `${STEP}/artifacts`, { tag: "Artifacts", summary: "Artifacts of a step (each task's latest attempt)", response: arrayOf(ref("Artifact")), errors: NF }],
  ["GET", `${STEP}/tasks`, { tag: "Tasks", summary: "Tasks of a step", response: arrayOf(ref("Task")), errors: NF }],
  ["GET", `${STEP}/filtered_tasks`, {
    tag: "Tasks", summary: "Pathspecs of tasks whose metadata value matches a regular expression", response: arrayOf(str), errors: [400, 404],
    query: [
      { name: "metadata_field_name", description: "Only this metadata field" },
      { name: "pattern", description: "Regular expression searched in the value" },
    ],
  }],
  ["POST", `${STEP}/task`, { tag: "Tasks", summary: "Create a task (refreshes the run heartbeat)", body: ref("TaskBody"), response: ref("Task"), errors: [...W, 409] }],
  ["GET", TASK, { tag: "Tasks", summary: "One task", response: ref("Task"), errors: NF }],
  ["POST", `${TASK}/heartbeat`, { tag: "Tasks", summary: "Task heartbeat (also the run's)", response: HEARTBEAT, errors: [401, 404] }],
  ["GET", `${TASK}/metadata`, { tag: "Metadata", summary: "Metadata of a task", response: arrayOf(ref("Metadata")), errors: NF }],
  ["POST", `${TASK}/metadata`, {
    tag: "Metadata", summary: "Record metadata (attempt, attempt_ok, ds-root, …)", body: ref("MetadataBody"),
    response: { type: "object", properties: { metadata_created: int } }, errors: [400, 401, 413],
    description: 'Unknown run or task: 400 "need to register run_id and task_id first".',
  }],
  ["POST", `${TASK}/artifact`, {
    tag: "Artifacts", summary: "Record artifacts", body: ref("ArtifactBody"),
    response: { type: "object", properties: { artifacts_created: int } }, errors: [400, 401, 413],
  }],
  ["GET", `${TASK}/artifacts`, { tag: "Artifacts", summary: "Artifacts of a task's latest attempt", response: arrayOf(ref("Artifact")), errors: NF }],
  ["GET", `${TASK}/artifacts/{name}`, { tag: "Artifacts", summary: "One artifact, latest attempt", response: ref("Artifact"), errors: NF }],
  ["GET", `${TASK}/artifacts/{name}/attempt/{attempt}`, { tag: "Artifacts", summary: "One artifact of one attempt", response: ref("Artifact"), errors: [400, 404] }],
  ["GET", `${TASK}/attempt/{attempt}/artifacts`, { tag: "Artifacts", summary: "Artifacts of one attempt", response: arrayOf(ref("Artifact")), errors: [400, 404] }],
  ["POST", `${TASK}/logs`, {
    tag: "Logs", summary: "Append log lines (Flowdeck's own, for clients that push logs)", body: ref("LogLines"),
    response: { type: "object", properties: { lines_created: int } }, errors: W,
  }],
]);
