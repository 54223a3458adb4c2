// A task's attempts from its metadata, as Metaflow records them: `attempt`
// (value N) when attempt N starts, `attempt_ok` and `attempt-done` when it
// ends, each tagged attempt_id:N.
import { parseBool, HEARTBEAT_WINDOW_S, type RunStatus } from "./status";

export type AttemptMeta = { fieldName: string; value: string; createdTs: number; tags: string[] };
export type Attempt = { attempt: number; startTs: number; endTs: number | null; status: RunStatus };

function attemptOf(m: AttemptMeta): number | null {
  const tag = m.tags.find((t) => t.startsWith("attempt_id:"));
  if (tag) {
    const n = Number(tag.slice("attempt_id:".length));
    if (Number.isInteger(n) && n >= 0) return n;
  }
  if (m.fieldName === "attempt" || m.fieldName === "attempt-done") {
    const n = Number(m.value);
    if (Number.isInteger(n) && n >= 0) return n;
  }
  return null;
}

export function taskAttempts(
  task: { createdTs: number; finishedTs: number | null; attempt: number; attemptOk: boolean | null; lastHeartbeatTs: number | null },
  meta: AttemptMeta[],
  nowMs: number,
): Attempt[] {
  const by = new Map<number, { start?: number; end?: number; ok?: boolean | null }>();
  const get = (n: number) => by.get(n) ?? (by.set(n, {}), by.get(n)!);
  for (const m of meta) {
    const n = attemptOf(m);
    if (n === null) continue;
    const a = get(n);
    if (m.fieldName === "attempt") a.start = Math.min(a.start ?? Infinity, m.createdTs);
    if (m.fieldName === "attempt_ok") {
      a.ok = parseBool(m.value);
      a.end = Math.max(a.end ?? 0, m.createdTs);
    }
    if (m.fieldName === "attempt-done") a.end = Math.max(a.end ?? 0, m.createdTs);
  }
  get(task.attempt);
  const numbers = [...by.keys()].sort((a, b) => a - b);
  const alive = task.lastHeartbeatTs !== null && nowMs / 1000 - task.lastHeartbeatTs <= HEARTBEAT_WINDOW_S;
  return numbers.map((n, i) => {
    const a = by.get(n)!;
    const last = n === task.attempt;
    const startTs = a.start ?? (i === 0 ? task.createdTs : (by.get(numbers[i - 1])!.end ?? task.createdTs));
    const endTs = a.end ?? (last ? task.finishedTs : null) ?? (last ? null : (by.get(numbers[i + 1])?.start ?? null));
    let status: RunStatus;
    if (a.ok === true) status = "completed";
    else if (a.ok === false) status = "failed";
    else if (last && task.attemptOk !== null) status = task.attemptOk ? "completed" : "failed";
    else status = last && alive ? "running" : "failed";
    return { attempt: n, startTs, endTs, status };
  });
}
