// Run status as Metaflow derives it: from the end step's attempt_ok, else the
// heartbeat: a heartbeat within 6 minutes means running, otherwise failed.
export type RunStatus = "running" | "completed" | "failed";
export const RUN_STATUSES: RunStatus[] = ["running", "completed", "failed"];
/** What the end step's metadata says so far. */
export type EndStatus = "completed" | "failed" | "retrying" | null;

export const HEARTBEAT_WINDOW_S = 6 * 60;

export function deriveRunStatus(run: { endStatus: EndStatus | string | null; lastHeartbeatTs: number | null }, nowMs: number): RunStatus {
  if (run.endStatus === "retrying") return "running";
  if (run.endStatus === "completed") return "completed";
  if (run.endStatus === "failed") return "failed";
  if (run.lastHeartbeatTs !== null && nowMs / 1000 - run.lastHeartbeatTs <= HEARTBEAT_WINDOW_S) return "running";
  return "failed";
}

export function parseBool(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  return null;
}

/**
 * The end step's status after one metadata field arrives. A new attempt after
 * a failed one means the end step is being retried.
 */
export function nextEndStatus(current: EndStatus, field: string, value: string): EndStatus {
  if (field === "attempt_ok") {
    const ok = parseBool(value);
    return ok === null ? current : ok ? "completed" : "failed";
  }
  if (field === "attempt" && current === "failed") return "retrying";
  return current;
}

/**
 * What a batch of end-step metadata does to the run's end status, without
 * knowing it: a status, or "retry-if-failed" (a new attempt after a failed
 * one). Applying it equals folding nextEndStatus over the batch, which lets a
 * write set the status in the same statement that reads it.
 */
export type EndStatusChange = "completed" | "failed" | "retrying" | "retry-if-failed";

export function endStatusChange(fields: { fieldName: string; value: string }[]): EndStatusChange | null {
  let change: EndStatusChange | null = null;
  for (const { fieldName, value } of fields) {
    if (fieldName === "attempt_ok") {
      const ok = parseBool(value);
      if (ok !== null) change = ok ? "completed" : "failed";
    } else if (fieldName === "attempt") {
      if (change === null) change = "retry-if-failed";
      else if (change === "failed") change = "retrying";
    }
  }
  return change;
}

export function applyEndStatusChange(current: EndStatus, change: EndStatusChange | null): EndStatus {
  if (change === null) return current;
  if (change === "retry-if-failed") return current === "failed" ? "retrying" : current;
  return change;
}

/** Duration in ms: to the finish, to now while running, else to the last sign of life. */
export function runDurationMs(
  run: { createdTs: number; finishedTs: number | null; lastHeartbeatTs: number | null },
  status: RunStatus,
  nowMs: number,
): number | null {
  if (run.finishedTs !== null) return Math.max(0, run.finishedTs - run.createdTs);
  if (status === "running") return Math.max(0, nowMs - run.createdTs);
  return run.lastHeartbeatTs !== null ? Math.max(0, run.lastHeartbeatTs * 1000 - run.createdTs) : null;
}
