import "server-only";
// Finds flows, runs, steps and tasks by the ids Metaflow uses in paths:
// {run} is a run number when numeric, else a string run id; {task} likewise.
import type { Db, Tx } from "../db";
import { isNumericId } from "../domain/pathspec";
import { Prisma, sql } from "./sql";

type Client = Db | Tx;
/** Ids are 32-bit integer columns: a larger number names nothing (and would fail the query). */
const MAX_ID = 2_147_483_647;
export const inRange = (id: string) => Number(id) <= MAX_ID;

export async function findFlow(db: Client, name: string) {
  return db.flow.findUnique({ where: { name } });
}

/** The flow's name as recorded: exact, else the one flow whose name differs only in case (null when none or several). */
export async function flowNameLike(db: Client, name: string): Promise<string | null> {
  if (await findFlow(db, name)) return name;
  const rows = await db.$queryRaw<{ name: string }[]>(sql`SELECT name FROM flows WHERE LOWER(name) = LOWER(${name}) LIMIT 2`);
  return rows.length === 1 ? rows[0].name : null;
}

/**
 * The condition naming a run, or null when it names nothing. The flow is
 * matched through its unique name, so the lookup uses the (flow_id, run_number)
 * and (flow_id, run_id) unique indexes, not a scan of every run.
 */
function runWhere(flowName: string, run: string) {
  const flow = { name: flowName };
  if (!isNumericId(run)) return { flow, runId: run };
  return inRange(run) ? { flow, runNumber: Number(run) } : null;
}

function taskWhere(task: string) {
  if (!isNumericId(task)) return { taskName: task };
  return inRange(task) ? { id: Number(task) } : null;
}

/** The same as a SQL condition on runs r, or null when it names nothing. */
export function runCondition(flowName: string, run: string): Prisma.Sql | null {
  const flow = sql`r.flow_id = (SELECT id FROM flows WHERE name = ${flowName})`;
  if (!isNumericId(run)) return sql`${flow} AND r.run_id = ${run}`;
  return inRange(run) ? sql`${flow} AND r.run_number = ${Number(run)}` : null;
}

/** The task named in a path as a SQL condition on tasks t, or null when it names nothing. */
export function taskCondition(task: string): Prisma.Sql | null {
  if (!isNumericId(task)) return sql`t.task_name = ${task}`;
  return inRange(task) ? sql`t.id = ${Number(task)}` : null;
}

/** The step (s) of a path with its run (r), as a FROM … WHERE fragment; null when the path names nothing. */
export function stepSource(flowName: string, run: string, stepName: string): Prisma.Sql | null {
  const r = runCondition(flowName, run);
  return r && sql`steps s JOIN runs r ON r.id = s.run_id WHERE ${r} AND s.name = ${stepName}`;
}

/** The task (t) of a path with its step (s) and run (r), likewise. */
export function taskSource(flowName: string, run: string, stepName: string, task: string): Prisma.Sql | null {
  const r = runCondition(flowName, run);
  const t = taskCondition(task);
  return r && t && sql`tasks t JOIN steps s ON s.id = t.step_id JOIN runs r ON r.id = s.run_id WHERE ${r} AND s.name = ${stepName} AND ${t}`;
}

export async function findRun(db: Client, flowName: string, run: string) {
  const where = runWhere(flowName, run);
  return where ? db.run.findFirst({ where }) : null;
}

/** One query: the step with its run. */
export async function findStep(db: Client, flowName: string, run: string, stepName: string) {
  const where = runWhere(flowName, run);
  if (!where) return null;
  const found = await db.step.findFirst({ where: { name: stepName, run: where }, include: { run: true } });
  if (!found) return null;
  const { run: r, ...step } = found;
  return { run: r, step };
}

/** One query: the task with its step and run. */
export async function findTask(db: Client, flowName: string, run: string, stepName: string, task: string) {
  const where = runWhere(flowName, run);
  const which = taskWhere(task);
  if (!where || !which) return null;
  const found = await db.task.findFirst({
    where: { ...which, step: { name: stepName, run: where } },
    include: { step: { include: { run: true } } },
  });
  if (!found) return null;
  const { step: { run: r, ...step }, ...t } = found;
  return { run: r, step, task: t };
}

export { runKey } from "./run-record";

export function taskKey(task: { taskName: string | null; id: number }): string {
  return task.taskName ?? String(task.id);
}
