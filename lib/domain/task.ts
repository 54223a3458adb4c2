// Task rules: status from attempt_ok (as Metaflow's Task.successful/finished)
// and what Metaflow's `current` object gives inside the task.
import { HEARTBEAT_WINDOW_S, type RunStatus } from "./status";
import { formatPathspec } from "./pathspec";

export function deriveTaskStatus(task: { attemptOk: boolean | null; lastHeartbeatTs: number | null }, nowMs: number): RunStatus {
  if (task.attemptOk === true) return "completed";
  if (task.attemptOk === false) return "failed";
  if (task.lastHeartbeatTs !== null && nowMs / 1000 - task.lastHeartbeatTs <= HEARTBEAT_WINDOW_S) return "running";
  return "failed";
}

export type TaskCurrent = {
  flow_name: string;
  run_id: string;
  origin_run_id: string | null;
  step_name: string;
  task_id: string;
  pathspec: string;
  username: string;
};

/** Everything `current` gives inside the task, retry_count, namespace and tags included. */
export type FullTaskCurrent = TaskCurrent & { retry_count: number; namespace: string; tags: string[] };

export function taskCurrent(
  run: { flow: string; key: string; originRunId: string | null },
  step: string,
  task: { key: string; userName: string },
): TaskCurrent {
  return {
    flow_name: run.flow,
    run_id: run.key,
    origin_run_id: run.originRunId,
    step_name: step,
    task_id: task.key,
    pathspec: formatPathspec({ flow: run.flow, run: run.key, step, task: task.key }),
    username: task.userName,
  };
}

/**
 * The namespace the task ran in, as Metaflow sets it: production:<token> for a
 * production run, else user:<username>.
 */
export function taskNamespace(run: { systemTags: string[]; userName: string }): string {
  return run.systemTags.find((t) => t.startsWith("production:")) ?? run.systemTags.find((t) => t.startsWith("user:")) ?? `user:${run.userName}`;
}

export function fullTaskCurrent(
  run: { flow: string; key: string; originRunId: string | null; systemTags: string[]; tags: string[]; userName: string },
  step: string,
  task: { key: string; userName: string; attempt: number },
): FullTaskCurrent {
  return {
    ...taskCurrent(run, step, task),
    retry_count: task.attempt,
    namespace: taskNamespace(run),
    tags: [...run.tags, ...run.systemTags].sort(),
  };
}
