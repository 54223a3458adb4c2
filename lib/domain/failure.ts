// Why a run failed, as a person needs it first: the step and task that failed
// with the end of its stderr, or, for a run that simply stopped, when it was
// last heard of.
import type { RunStatus } from "./status";

export type FailedTask = { step: string; task: string; pathspec: string; attempt: number; stderrTail: string[] };

export type FailureReason =
  { kind: "task_failed"; task: FailedTask; more: number } | { kind: "no_heartbeat"; lastHeartbeatTs: number | null; endStepReached: boolean } | null;

export const STDERR_TAIL_LINES = 12;

export function explainFailure(input: {
  status: RunStatus;
  failedTasks: FailedTask[];
  failedCount: number;
  lastHeartbeatTs: number | null;
  endStepReached: boolean;
}): FailureReason {
  if (input.status !== "failed") return null;
  const [first] = input.failedTasks;
  if (first) return { kind: "task_failed", task: first, more: Math.max(0, input.failedCount - 1) };
  return { kind: "no_heartbeat", lastHeartbeatTs: input.lastHeartbeatTs, endStepReached: input.endStepReached };
}

/** The last lines of a log, blank ones at the end dropped. */
export function tail(lines: string[], n = STDERR_TAIL_LINES): string[] {
  let end = lines.length;
  while (end > 0 && !lines[end - 1].trim()) end--;
  return lines.slice(Math.max(0, end - n), end);
}
