import "server-only";
// The steps of a run and their tasks, for the run page. Each step lists its
// first tasks; counts by status cover all of them, however many there are.
import type { Db } from "../db";
import { HEARTBEAT_WINDOW_S, type RunStatus } from "../domain/status";
import { deriveTaskStatus, taskCurrent, type TaskCurrent } from "../domain/task";
import type { RunSummary } from "./runs-read";
import { taskKey } from "./resolve";
import { queryRows } from "./driver";
import { isTrue, join, Prisma, sql, toNullableNumber, toNumber } from "./sql";

export const TASKS_PER_STEP = 50;

export type TaskRow = {
  key: string;
  attempt: number;
  status: RunStatus;
  createdTs: number;
  finishedTs: number | null;
  durationMs: number | null;
  current: TaskCurrent;
};

export type StepRow = {
  name: string;
  createdTs: number;
  status: RunStatus;
  taskCount: number;
  counts: Record<RunStatus, number>;
  tasks: TaskRow[];
};

/** A step has failed when any task failed, runs while any task runs, else completed. */
function stepStatus(counts: Record<RunStatus, number>): RunStatus {
  if (counts.failed) return "failed";
  if (counts.running) return "running";
  return "completed";
}

type Raw = Record<string, unknown>;

/**
 * Each step with its tasks counted by outcome: one walk of the steps' task
 * index ranges, in step order (no sort for the grouping), then a join to the steps.
 */
function stepsStatement(runDbId: number, alive: number) {
  return sql`
    SELECT s.id, s.name, s.created_ts, c.total, c.completed, c.running
    FROM steps s LEFT JOIN (
      SELECT step_id, CAST(COUNT(*) AS INTEGER) AS total, CAST(COUNT(NULLIF(attempt_ok, FALSE)) AS INTEGER) AS completed,
        CAST(COUNT(CASE WHEN attempt_ok IS NULL AND last_heartbeat_ts >= ${alive} THEN 1 END) AS INTEGER) AS running
      FROM tasks WHERE step_id IN (SELECT id FROM steps WHERE run_id = ${runDbId}) GROUP BY step_id
    ) c ON c.step_id = s.id
    WHERE s.run_id = ${runDbId}
    ORDER BY s.created_ts, s.id`;
}

// SQLite allows 500 terms in a compound SELECT.
const STEPS_PER_STATEMENT = 200;

/** The first tasks of each step (by id), one bounded index range per step. */
function firstTasksStatement(stepIds: number[]) {
  const parts = stepIds.map(
    (id, i) => sql`SELECT * FROM (
      SELECT id, step_id, task_name, user_name, attempt, attempt_ok, created_ts, finished_ts, last_heartbeat_ts
      FROM tasks WHERE step_id = ${id} ORDER BY id LIMIT ${TASKS_PER_STEP}) ${Prisma.raw(`p${i}`)}`,
  );
  return join(parts, " UNION ALL ", "", "");
}

export async function stepsOfRun(db: Db, run: RunSummary, now = Date.now()): Promise<StepRow[]> {
  const alive = Math.floor(now / 1000) - HEARTBEAT_WINDOW_S;
  const steps = await queryRows<Raw>(db, stepsStatement(run.dbId, alive), true);
  const ids = steps.map((s) => toNumber(s.id));
  const tasks: Raw[] = [];
  for (let i = 0; i < ids.length; i += STEPS_PER_STATEMENT) tasks.push(...(await queryRows<Raw>(db, firstTasksStatement(ids.slice(i, i + STEPS_PER_STATEMENT)))));
  const byStep = new Map<number, Raw[]>(ids.map((id) => [id, []]));
  for (const t of tasks) byStep.get(toNumber(t.step_id))?.push(t);
  return steps.map((s) => {
    const name = s.name as string;
    const n = (v: unknown) => toNullableNumber(v) ?? 0;
    const [total, completed, running] = [n(s.total), n(s.completed), n(s.running)];
    // Unfinished tasks run while they heartbeat; the silent ones have failed, as have those that said so.
    const counts: Record<RunStatus, number> = { completed, failed: total - completed - running, running };
    return {
      name,
      createdTs: toNumber(s.created_ts),
      status: stepStatus(counts),
      taskCount: counts.completed + counts.failed + counts.running,
      counts,
      tasks: byStep.get(toNumber(s.id))!.map((r) => {
        const t = {
          id: toNumber(r.id),
          taskName: r.task_name as string | null,
          attemptOk: r.attempt_ok === null ? null : isTrue(r.attempt_ok),
          createdTs: toNumber(r.created_ts),
          finishedTs: toNullableNumber(r.finished_ts),
          lastHeartbeatTs: toNullableNumber(r.last_heartbeat_ts),
        };
        const key = taskKey(t);
        return {
          key,
          attempt: toNumber(r.attempt),
          status: deriveTaskStatus(t, now),
          createdTs: t.createdTs,
          finishedTs: t.finishedTs,
          durationMs: t.finishedTs !== null ? Math.max(0, t.finishedTs - t.createdTs) : null,
          current: taskCurrent(run, name, { key, userName: r.user_name as string }),
        };
      }),
    };
  });
}
