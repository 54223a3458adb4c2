import "server-only";
// Finds flows, runs, steps and tasks by the ids Metaflow uses in paths:
// {run} is a run number when numeric, else a string run id; {task} likewise.
import type { Db, Tx } from "../db";
import { isNumericId } from "../domain/pathspec";

type Client = Db | Tx;
/** Ids are 32-bit integer columns: a larger number names nothing (and would fail the query). */
const MAX_ID = 2_147_483_647;
const inRange = (id: string) => Number(id) <= MAX_ID;

export async function findFlow(db: Client, name: string) {
  return db.flow.findUnique({ where: { name } });
}

export async function findRun(db: Client, flowName: string, run: string) {
  const numeric = isNumericId(run);
  if (numeric && !inRange(run)) return null;
  const found = await db.run.findFirst({
    where: numeric ? { flowName, runNumber: Number(run) } : { flowName, runId: run },
  });
  return found;
}

export async function findStep(db: Client, flowName: string, run: string, stepName: string) {
  const r = await findRun(db, flowName, run);
  if (!r) return null;
  const step = await db.step.findUnique({ where: { runId_name: { runId: r.id, name: stepName } } });
  return step ? { run: r, step } : null;
}

export async function findTask(db: Client, flowName: string, run: string, stepName: string, task: string) {
  const found = await findStep(db, flowName, run, stepName);
  if (!found) return null;
  const numeric = isNumericId(task);
  if (numeric && !inRange(task)) return null;
  const t = await db.task.findFirst({
    where: numeric ? { id: Number(task), stepId: found.step.id } : { taskName: task, stepId: found.step.id },
  });
  return t ? { ...found, task: t } : null;
}

/** The id a run is known by: its string run id, else its number. */
export function runKey(run: { runId: string | null; runNumber: number }): string {
  return run.runId ?? String(run.runNumber);
}

export function taskKey(task: { taskName: string | null; id: number }): string {
  return task.taskName ?? String(task.id);
}
