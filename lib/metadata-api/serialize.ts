// The wire objects of Metaflow's metadata service. ts_epoch is milliseconds,
// last_heartbeat_ts seconds; run_number / task_id are the string ids when the
// client gave one, else the numbers; steps, tasks and artifacts show the run's
// tags (the run owns them), metadata its own. The shapes are the zod schemas
// of ./wire-schemas.ts, which the OpenAPI document is generated from.
import type { RunView, StepView, TaskView } from "../data/objects-read";
import type { ArtifactView, MetadataView } from "../data/task-data-read";
import { parseJsonArray } from "../data/sql";
import type { ArtifactWire, FlowWire, MetadataWire, RunWire, StepWire, TaskWire } from "./wire-schemas";

type FlowRow = { name: string; userName: string; createdTs: number; tags: string; systemTags: string };

const ms = (v: number) => Math.round(v);
const seconds = (v: number | null) => (v === null ? null : Math.floor(v));
const exposedRun = (r: RunView) => r.runId ?? r.runNumber;
const exposedTask = (t: { taskName: string | null; id: number }) => t.taskName ?? t.id;
/** Run and task keys in metadata/artifact views are strings; numeric ones go out as numbers. */
const numberOrName = (key: string) => (/^\d+$/.test(key) ? Number(key) : key);

export function flowJson(f: FlowRow): FlowWire {
  return {
    flow_id: f.name,
    user_name: f.userName || null,
    ts_epoch: ms(f.createdTs),
    tags: parseJsonArray(f.tags),
    system_tags: parseJsonArray(f.systemTags),
  };
}

export function runJson(r: RunView): RunWire {
  return {
    flow_id: r.flow,
    run_number: exposedRun(r),
    user_name: r.userName,
    ts_epoch: ms(r.createdTs),
    tags: r.tags,
    system_tags: r.systemTags,
    last_heartbeat_ts: seconds(r.lastHeartbeatTs),
  };
}

export function stepJson(s: StepView): StepWire {
  return {
    flow_id: s.run.flow,
    run_number: exposedRun(s.run),
    step_name: s.name,
    user_name: s.userName,
    ts_epoch: ms(s.createdTs),
    tags: s.run.tags,
    system_tags: s.run.systemTags,
  };
}

export function taskJson(t: TaskView): TaskWire {
  return {
    flow_id: t.run.flow,
    run_number: exposedRun(t.run),
    step_name: t.step,
    task_id: exposedTask(t),
    user_name: t.userName,
    ts_epoch: ms(t.createdTs),
    tags: t.run.tags,
    system_tags: t.run.systemTags,
    last_heartbeat_ts: seconds(t.lastHeartbeatTs),
  };
}

export function metadataJson(m: MetadataView): MetadataWire {
  return {
    id: m.id,
    flow_id: m.flow,
    run_number: numberOrName(m.runKey),
    step_name: m.step,
    task_id: numberOrName(m.task),
    field_name: m.fieldName,
    value: m.value,
    type: m.type,
    user_name: m.userName,
    ts_epoch: ms(m.createdTs),
    tags: m.tags,
    system_tags: m.systemTags,
  };
}

export function artifactJson(a: ArtifactView): ArtifactWire {
  return {
    flow_id: a.run.flow,
    run_number: exposedRun(a.run),
    step_name: a.step,
    task_id: numberOrName(a.task),
    name: a.name,
    location: a.location,
    ds_type: a.dsType,
    sha: a.sha,
    type: a.type,
    content_type: a.contentType,
    user_name: a.userName,
    attempt_id: a.attemptId,
    ts_epoch: ms(a.createdTs),
    tags: a.run.tags,
    system_tags: a.run.systemTags,
  };
}
