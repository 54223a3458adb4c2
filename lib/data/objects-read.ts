import "server-only";
// Reads of the Metaflow object tree as the metadata API serves it: flows,
// runs, steps and tasks, each one statement through the driver (names in the
// path resolved in it). Steps and tasks carry their run: the run owns the
// tags. Metadata, artifacts and filtered tasks live in task-data-read.ts.
import type { Db } from "../db";
import { queryArrays, queryRows, type Row } from "./driver";
import { runCondition, stepSource, taskSource } from "./resolve";
import { RUN_COLUMNS, runTagsColumn, toRunRecord, toRunRecordOfArray, type RunRecord } from "./run-record";
import { sql, toNumber, toNullableNumber, type Prisma } from "./sql";

/** The run read model, as the metadata API serves it. */
export type RunView = RunRecord;
export type StepView = { run: RunView; name: string; userName: string; createdTs: number };
export type TaskView = {
  run: RunView;
  step: string;
  id: number;
  taskName: string | null;
  userName: string;
  createdTs: number;
  lastHeartbeatTs: number | null;
  attempt: number;
};
export type FlowView = { name: string; userName: string; createdTs: number; tags: string; systemTags: string };

const toFlow = (f: Row): FlowView => ({
  name: f.name as string, userName: f.user_name as string, createdTs: toNumber(f.created_ts),
  tags: f.tags as string, systemTags: f.system_tags as string,
});

export async function listFlows(db: Db): Promise<FlowView[]> {
  return (await queryRows(db, sql`SELECT name, user_name, created_ts, tags, system_tags FROM flows ORDER BY id`, true)).map(toFlow);
}

export async function getFlow(db: Db, name: string): Promise<FlowView | null> {
  const [f] = await queryRows(db, sql`SELECT name, user_name, created_ts, tags, system_tags FROM flows WHERE name = ${name}`, true);
  return f ? toFlow(f) : null;
}

/** The legacy full list: every run of a flow, newest first; no row: no such flow. */
export const allRunsStatement = (flow: string) => sql`SELECT ${RUN_COLUMNS}, ${runTagsColumn()} FROM flows f
  LEFT JOIN runs r ON r.flow_id = f.id WHERE f.name = ${flow} ORDER BY r.created_ts DESC, r.run_number DESC`;

/** Every run of a flow, newest first; null when the flow does not exist. */
export async function listAllRuns(db: Db, flow: string): Promise<RunView[] | null> {
  const rows = await queryArrays(db, allRunsStatement(flow), true);
  if (!rows.length) return null;
  return rows.filter((r) => r[0] !== null).map(toRunRecordOfArray);
}

export async function getRunView(db: Db, flow: string, run: string): Promise<RunView | null> {
  const where = runCondition(flow, run);
  if (!where) return null;
  const [r] = await queryRows(db, sql`SELECT ${RUN_COLUMNS}, ${runTagsColumn()} FROM runs r WHERE ${where}`, true);
  return r ? toRunRecord(r) : null;
}

/**
 * The run (or step, task) a path names with the rows under it: one statement
 * whose first part is read once (MATERIALIZED), so the run's tags are not
 * gathered again for every child row. No rows: the path names nothing; a row
 * whose child columns are null: nothing under it yet.
 */
function withChildren(scope: Prisma.Sql, children: Prisma.Sql, order: Prisma.Sql): Prisma.Sql {
  return sql`WITH x AS MATERIALIZED (${scope}) SELECT x.*, c.* FROM x LEFT JOIN (${children}) c ON c.parent_id = x.parent_id ORDER BY ${order}`;
}

export async function listSteps(db: Db, flow: string, run: string): Promise<StepView[] | null> {
  const where = runCondition(flow, run);
  if (!where) return null;
  const rows = await queryRows(db, withChildren(
    sql`SELECT r.id AS parent_id, ${RUN_COLUMNS}, ${runTagsColumn()} FROM runs r WHERE ${where}`,
    sql`SELECT run_id AS parent_id, id AS step_id, name AS step_name, user_name AS step_user, created_ts AS step_ts FROM steps`,
    sql`c.step_id`,
  ), true);
  if (!rows.length) return null;
  const view = toRunRecord(rows[0]);
  return rows.filter((s) => s.step_id !== null).map((s) => ({
    run: view, name: s.step_name as string, userName: s.step_user as string, createdTs: toNumber(s.step_ts),
  }));
}

export async function getStepView(db: Db, flow: string, run: string, step: string): Promise<StepView | null> {
  const from = stepSource(flow, run, step);
  if (!from) return null;
  const [s] = await queryRows(db, sql`SELECT ${RUN_COLUMNS}, ${runTagsColumn()}, s.name AS step_name, s.user_name AS step_user,
    s.created_ts AS step_ts FROM ${from}`, true);
  return s ? { run: toRunRecord(s), name: s.step_name as string, userName: s.step_user as string, createdTs: toNumber(s.step_ts) } : null;
}

const TASK_COLUMNS = sql`t.id AS task_id, t.task_name, t.user_name AS task_user, t.created_ts AS task_ts,
  t.last_heartbeat_ts AS task_hb, t.attempt`;

function toTaskView(run: RunView, step: string, t: Row): TaskView {
  return {
    run, step, id: toNumber(t.task_id), taskName: (t.task_name as string | null) ?? null, userName: t.task_user as string,
    createdTs: toNumber(t.task_ts), lastHeartbeatTs: toNullableNumber(t.task_hb), attempt: toNumber(t.attempt),
  };
}

export async function listTasks(db: Db, flow: string, run: string, step: string): Promise<TaskView[] | null> {
  const from = stepSource(flow, run, step);
  if (!from) return null;
  const rows = await queryRows(db, withChildren(
    sql`SELECT s.id AS parent_id, ${RUN_COLUMNS}, ${runTagsColumn()} FROM ${from}`,
    sql`SELECT t.step_id AS parent_id, ${TASK_COLUMNS} FROM tasks t`,
    sql`c.task_id`,
  ), true);
  if (!rows.length) return null;
  const view = toRunRecord(rows[0]);
  return rows.filter((t) => t.task_id !== null).map((t) => toTaskView(view, step, t));
}

export async function getTaskView(db: Db, flow: string, run: string, step: string, task: string): Promise<TaskView | null> {
  const from = taskSource(flow, run, step, task);
  if (!from) return null;
  const [t] = await queryRows(db, sql`SELECT ${RUN_COLUMNS}, ${runTagsColumn()}, ${TASK_COLUMNS} FROM ${from}`, true);
  return t ? toTaskView(toRunRecord(t), step, t) : null;
}

/** Views of objects just written, from the rows the write returned. */
export function stepViewOf(run: RunView, s: { name: string; userName: string; createdTs: number }): StepView {
  return { run, name: s.name, userName: s.userName, createdTs: s.createdTs };
}

export function taskViewOf(run: RunView, step: string, t: Omit<TaskView, "run" | "step">): TaskView {
  return { ...t, run, step };
}
