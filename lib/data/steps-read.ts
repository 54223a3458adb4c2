import "server-only";
// The steps of a run and their tasks, for the run page. Each step lists its
// first tasks; counts by status cover all of them, however many there are.
import type { Db } from "../db";
import { HEARTBEAT_WINDOW_S, type RunStatus } from "../domain/status";
import { deriveTaskStatus, taskCurrent, type TaskCurrent } from "../domain/task";
import type { RunSummary } from "./runs-read";
import { taskKey } from "./resolve";

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

export async function stepsOfRun(db: Db, run: RunSummary, now = Date.now()): Promise<StepRow[]> {
  const alive = Math.floor(now / 1000) - HEARTBEAT_WINDOW_S;
  const [steps, byOutcome, alivePending] = await Promise.all([
    db.step.findMany({ where: { runId: run.dbId }, orderBy: [{ createdTs: "asc" }, { id: "asc" }], select: { id: true, name: true, createdTs: true } }),
    db.task.groupBy({ by: ["stepId", "attemptOk"], where: { runId: run.dbId }, _count: { _all: true } }),
    db.task.groupBy({ by: ["stepId"], where: { runId: run.dbId, attemptOk: null, lastHeartbeatTs: { gte: alive } }, _count: { _all: true } }),
  ]);
  const tasks = await Promise.all(
    steps.map((s) =>
      db.task.findMany({
        where: { stepId: s.id },
        orderBy: { id: "asc" },
        take: TASKS_PER_STEP,
        select: { id: true, taskName: true, userName: true, attempt: true, attemptOk: true, createdTs: true, finishedTs: true, lastHeartbeatTs: true },
      }),
    ),
  );
  return steps.map((s, i) => {
    const counts: Record<RunStatus, number> = { completed: 0, failed: 0, running: 0 };
    let unfinished = 0;
    for (const g of byOutcome.filter((g) => g.stepId === s.id)) {
      if (g.attemptOk === null) unfinished += g._count._all;
      else counts[g.attemptOk ? "completed" : "failed"] += g._count._all;
    }
    // Unfinished tasks run while they heartbeat; the silent ones have failed.
    counts.running = alivePending.find((g) => g.stepId === s.id)?._count._all ?? 0;
    counts.failed += unfinished - counts.running;
    return {
      name: s.name,
      createdTs: s.createdTs,
      status: stepStatus(counts),
      taskCount: counts.completed + counts.failed + counts.running,
      counts,
      tasks: tasks[i].map((t) => {
        const key = taskKey(t);
        const finishedTs = t.finishedTs;
        return {
          key,
          attempt: t.attempt,
          status: deriveTaskStatus(t, now),
          createdTs: t.createdTs,
          finishedTs,
          durationMs: finishedTs !== null ? Math.max(0, finishedTs - t.createdTs) : null,
          current: taskCurrent(run, s.name, { key, userName: t.userName }),
        };
      }),
    };
  });
}
