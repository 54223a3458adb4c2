// The replies of the metadata API as zod schemas: what serialize.ts and the
// handlers send, object by object (see /work/shared/METAFLOW-API.md, "Response
// objects"). serialize.ts types its results with these, the OpenAPI document
// (lib/openapi) is generated from them, and tests/integration/openapi*.test.ts
// validate the running app's replies against that document.
//
// Objects are strict: a field the code sends but the schema lacks is a drift
// the tests report, not something a client discovers.
import { z } from "zod";

const tags = z.array(z.string()).meta({ description: "User tags" });
const systemTags = z.array(z.string()).meta({ description: "System tags (user:, runtime:, metaflow_version:, …)" });
const tsEpoch = z.number().int().meta({ description: "Epoch milliseconds" });
const heartbeatTs = z.number().int().nullable().meta({ description: "Epoch seconds of the last heartbeat; null when none was sent" });
/** run_number / task_id: the string id when the client gave one, else the number. */
const idOrName = (what: string) =>
  z.union([z.number().int(), z.string()]).meta({ description: `The ${what} number, or the string ${what} id the client gave` });

export const flowWire = z
  .strictObject({
    flow_id: z.string(),
    user_name: z.string().nullable(),
    ts_epoch: tsEpoch,
    tags,
    system_tags: systemTags,
  })
  .meta({ id: "Flow" });

export const runWire = z
  .strictObject({
    flow_id: z.string(),
    run_number: idOrName("run"),
    user_name: z.string(),
    ts_epoch: tsEpoch,
    tags,
    system_tags: systemTags,
    last_heartbeat_ts: heartbeatTs,
  })
  .meta({
    id: "Run",
    description: "run_number is the string run id when the client gave one, else the number. ts_epoch in ms, last_heartbeat_ts in s.",
  });

export const stepWire = z
  .strictObject({
    flow_id: z.string(),
    run_number: idOrName("run"),
    step_name: z.string(),
    user_name: z.string(),
    ts_epoch: tsEpoch,
    tags,
    system_tags: systemTags,
  })
  .meta({ id: "Step", description: "Tags are the run's." });

export const taskWire = z
  .strictObject({
    flow_id: z.string(),
    run_number: idOrName("run"),
    step_name: z.string(),
    task_id: idOrName("task"),
    user_name: z.string(),
    ts_epoch: tsEpoch,
    tags,
    system_tags: systemTags,
    last_heartbeat_ts: heartbeatTs,
  })
  .meta({ id: "Task", description: "task_id is the task name when the client gave one, else the number. Tags are the run's." });

export const metadataWire = z
  .strictObject({
    id: z.number().int(),
    flow_id: z.string(),
    run_number: idOrName("run"),
    step_name: z.string(),
    task_id: idOrName("task"),
    field_name: z.string(),
    value: z.string(),
    type: z.string(),
    user_name: z.string(),
    ts_epoch: tsEpoch,
    tags,
    system_tags: systemTags,
  })
  .meta({ id: "Metadata" });

export const artifactWire = z
  .strictObject({
    flow_id: z.string(),
    run_number: idOrName("run"),
    step_name: z.string(),
    task_id: idOrName("task"),
    name: z.string(),
    location: z.string(),
    ds_type: z.string(),
    sha: z.string(),
    type: z.string(),
    content_type: z.string(),
    user_name: z.string(),
    attempt_id: z.number().int(),
    ts_epoch: tsEpoch,
    tags,
    system_tags: systemTags,
  })
  .meta({ id: "Artifact", description: "Tags are the run's." });

/** 400, 401, 405, 409, 413, 422 and 500 answer this. */
export const messageWire = z.strictObject({ message: z.string() }).meta({ id: "Message" });
/** 404 for an unknown object: an empty object, as Metaflow's service answers. */
export const notFoundWire = z.strictObject({}).meta({ id: "NotFound", description: "Always `{}`" });

export const healthWire = z.strictObject({ status: z.literal("UP") });
export const healthDownWire = z.strictObject({ status: z.literal("DOWN"), message: z.string() });

/** The body of a heartbeat reply, once decoded twice. */
export const heartbeatContent = z.strictObject({ wait_time_in_seconds: z.number().int() });

/**
 * Metaflow's quirk: a heartbeat answers a JSON *string* whose content is
 * {"wait_time_in_seconds": 10}; the client decodes it twice.
 */
export const heartbeatWire = z
  .string()
  .refine((s) => {
    try {
      return heartbeatContent.safeParse(JSON.parse(s)).success;
    } catch {
      return false;
    }
  }, 'The heartbeat reply is a JSON string holding {"wait_time_in_seconds": n}')
  .meta({
    id: "HeartbeatReply",
    description: 'A JSON string whose content is {"wait_time_in_seconds": 10}: Metaflow\'s client decodes it twice.',
    contentMediaType: "application/json",
    contentSchema: {
      type: "object",
      properties: { wait_time_in_seconds: { type: "integer" } },
      required: ["wait_time_in_seconds"],
      additionalProperties: false,
    },
  });

export const tagsReplyWire = z.strictObject({ tags: z.array(z.string()).meta({ description: "The run's user tags after the change" }) });
export const metadataCreatedWire = z.strictObject({ metadata_created: z.number().int().min(0) });
export const artifactsCreatedWire = z.strictObject({ artifacts_created: z.number().int().min(0) });
export const linesCreatedWire = z.strictObject({ lines_created: z.number().int().min(0) });
export const filteredTasksWire = z.array(z.string().meta({ description: "Flow/run/step/task" }));

export type FlowWire = z.infer<typeof flowWire>;
export type RunWire = z.infer<typeof runWire>;
export type StepWire = z.infer<typeof stepWire>;
export type TaskWire = z.infer<typeof taskWire>;
export type MetadataWire = z.infer<typeof metadataWire>;
export type ArtifactWire = z.infer<typeof artifactWire>;
