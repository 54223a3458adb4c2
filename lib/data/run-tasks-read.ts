import "server-only";
// A run's tasks, a page at a time from the server, for the tasks table
// (filter by step and status, sort by start or duration) and the timeline
// (every task grouped by step, with its attempts). Keyset pages: a run of
// 10,000 tasks reads one short index range per page.
import { dialectOf, type Db } from "../db";
import { HEARTBEAT_WINDOW_S, type RunStatus } from "../domain/status";
import { deriveTaskStatus } from "../domain/task";
import { taskAttempts, type Attempt } from "../domain/attempts";
import { decodeTaskCursor, encodeTaskCursor, type TaskCursor, type TaskListQuery } from "../domain/task-list";
import { formatPathspec } from "../domain/pathspec";
import type { RunSummary } from "./runs-read";
import { badRequest } from "../errors";
import { Prisma, empty, parseJsonArray, sql, toNullableNumber, toNumber } from "./sql";
import { asJsonRows, firstRowsOfEach, fromJsonRows, indexHint, type Dialect } from "./dialect";
import { queryRows } from "./driver";

export type TaskListRow = {
  key: string; step: string; pathspec: string; attempt: number; status: RunStatus;
  createdTs: number; finishedTs: number | null; durationMs: number | null;
};
export type TimelineRow = TaskListRow & { attempts: Attempt[] };

type Raw = Record<string, unknown>;

const COLUMNS = sql`t.id, t.task_name, s.name AS step, s.id AS step_id, t.attempt, t.attempt_ok, t.created_ts, t.finished_ts, t.last_heartbeat_ts`;

/** Until it finishes, a task lasts to its last heartbeat (what a person can tell of it). */
const DURATION = sql`(COALESCE(t.finished_ts, t.last_heartbeat_ts * 1000, t.created_ts) - t.created_ts)`;

function statusCondition(dialect: Dialect, status: string | undefined, nowMs: number): Prisma.Sql {
  if (!status) return empty;
  const yes = Prisma.raw(dialect === "sqlite" ? "1" : "TRUE");
  const no = Prisma.raw(dialect === "sqlite" ? "0" : "FALSE");
  const alive = Math.floor(nowMs / 1000) - HEARTBEAT_WINDOW_S;
  if (status === "completed") return sql`AND t.attempt_ok = ${yes}`;
  if (status === "running") return sql`AND t.attempt_ok IS NULL AND t.last_heartbeat_ts >= ${alive}`;
  return sql`AND (t.attempt_ok = ${no} OR (t.attempt_ok IS NULL AND (t.last_heartbeat_ts IS NULL OR t.last_heartbeat_ts < ${alive})))`;
}

function toRow(run: RunSummary, r: Raw, nowMs: number): TaskListRow & { id: number } {
  const id = toNumber(r.id);
  const key = (r.task_name as string | null) ?? String(id);
  const attemptOk = r.attempt_ok === null || r.attempt_ok === undefined ? null : r.attempt_ok === true || r.attempt_ok === 1 || r.attempt_ok === 1n;
  const createdTs = toNumber(r.created_ts);
  const finishedTs = toNullableNumber(r.finished_ts);
  const lastHeartbeatTs = toNullableNumber(r.last_heartbeat_ts);
  const status = deriveTaskStatus({ attemptOk, lastHeartbeatTs }, nowMs);
  const end = finishedTs ?? (status === "running" ? nowMs : lastHeartbeatTs !== null ? lastHeartbeatTs * 1000 : null);
  return {
    id, key, step: r.step as string, pathspec: formatPathspec({ flow: run.flow, run: run.key, step: r.step as string, task: key }),
    attempt: toNumber(r.attempt), status, createdTs, finishedTs, durationMs: end !== null ? Math.max(0, end - createdTs) : null,
  };
}

/** The statement of a tasks page (exported for the plan checks). */
export function taskListStatement(dialect: Dialect, runDbId: number, q: TaskListQuery, nowMs: number): Prisma.Sql {
  const cursor = decodeTaskCursor(q.cursor);
  const desc = (q.order ?? (q.sort === "duration" ? "desc" : "asc")) === "desc";
  const key = q.sort === "duration" ? DURATION : sql`t.created_ts`;
  const cmp = Prisma.raw(desc ? "<" : ">");
  const dir = Prisma.raw(desc ? "DESC" : "ASC");
  const after = cursor ? sql`AND (${key} ${cmp} ${cursor.v} OR (${key} = ${cursor.v} AND t.id ${cmp} ${cursor.id}))` : empty;
  const stepCond = q.step ? sql`AND s.name = ${q.step}` : empty;
  return sql`
    SELECT ${COLUMNS}, ${key} AS sort_value FROM tasks t JOIN steps s ON s.id = t.step_id
    WHERE t.run_id = ${runDbId} ${stepCond} ${statusCondition(dialect, q.status, nowMs)} ${after}
    ORDER BY ${key} ${dir}, t.id ${dir} LIMIT ${q.limit + 1}`;
}

export async function listRunTasks(db: Db, run: RunSummary, q: TaskListQuery, nowMs = Date.now()) {
  const rows = await queryRows<Raw>(db, taskListStatement(dialectOf(db), run.dbId, q, nowMs), true);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    tasks: page.map((r) => toRow(run, r, nowMs)).map(({ id: _id, ...t }) => t),
    nextCursor: rows.length > q.limit && last ? encodeTaskCursor({ v: toNumber(last.sort_value), id: toNumber(last.id) }) : null,
  };
}

/**
 * Timeline order: steps in the order they started, each step's tasks in the
 * order they were created (by id). One statement: the steps from the cursor's
 * on (steps_run_id_created_ts_id_idx), each step's tasks on the (step_id, id)
 * index, so a page costs the same at the start and the end of a 10,000-task
 * step; then each task's attempt metadata as JSON, and the count on the first page.
 */
export function timelineStatement(dialect: Dialect, runDbId: number, cursor: TaskCursor | null, limit: number): Prisma.Sql {
  const n = limit + 1;
  const fromCursor = cursor ? sql`CROSS JOIN (SELECT created_ts, id FROM steps WHERE id = ${cursor.s} AND run_id = ${runDbId}) c` : empty;
  const afterCursor = cursor ? sql`AND (s.created_ts > c.created_ts OR (s.created_ts = c.created_ts AND s.id >= c.id))` : empty;
  const firstTask = cursor ? sql`CASE WHEN s.id = ${cursor.s} THEN ${cursor.id} ELSE 0 END` : sql`0`;
  const tasksOfStep = firstRowsOfEach(dialect, { table: "tasks", alias: "t", index: "tasks_step_id_id_idx" }, sql`t.step_id = s.id AND t.id > ${firstTask}`, sql`t.id`, n);
  const attempts = asJsonRows(dialect, sql`SELECT m.field_name, m.value, m.created_ts, m.tags FROM metadata m
    WHERE m.task_id = p.id AND m.field_name IN ('attempt', 'attempt_ok', 'attempt-done')`, ["field_name", "value", "created_ts", "tags"]);
  const total = cursor ? sql`NULL` : sql`(SELECT CAST(COUNT(*) AS INTEGER) FROM tasks WHERE run_id = ${runDbId})`;
  return sql`
    WITH page AS (
      SELECT ${COLUMNS}, s.created_ts AS step_ts FROM steps s ${indexHint(dialect, "steps_run_id_created_ts_id_idx")} ${fromCursor} ${tasksOfStep}
      WHERE s.run_id = ${runDbId} ${afterCursor}
      ORDER BY s.created_ts, s.id, t.id LIMIT ${n})
    SELECT p.*, (${attempts}) AS meta, ${total} AS total FROM page p ORDER BY p.step_ts, p.step_id, p.id`;
}

export async function timelinePage(db: Db, run: RunSummary, opts: { cursor?: string; limit: number }, nowMs = Date.now()) {
  const cursor = decodeTaskCursor(opts.cursor);
  if (cursor && cursor.s === undefined) throw badTimelineCursor();
  const rows = await queryRows<Raw>(db, timelineStatement(dialectOf(db), run.dbId, cursor, opts.limit), true);
  if (cursor && !rows.length && !(await stepOfRun(db, run, cursor.s!))) throw badTimelineCursor();
  const page = rows.slice(0, opts.limit);
  const tasks: TimelineRow[] = page.map((r) => {
    const { id: _id, ...row } = toRow(run, r, nowMs);
    const attemptOk = row.status === "completed" ? true : r.attempt_ok === null ? null : row.status === "failed" ? false : null;
    const attempts = taskAttempts(
      { createdTs: row.createdTs, finishedTs: row.finishedTs, attempt: row.attempt, attemptOk, lastHeartbeatTs: toNullableNumber(r.last_heartbeat_ts) },
      attemptRows(r.meta as string | null), nowMs,
    );
    return { ...row, attempts };
  });
  const last = page.at(-1);
  return {
    tasks,
    total: cursor ? null : toNumber(rows[0]?.total ?? 0),
    runStart: run.createdTs,
    runEnd: run.finishedTs ?? (run.status === "running" ? nowMs : run.durationMs !== null ? run.createdTs + run.durationMs : nowMs),
    nextCursor: rows.length > opts.limit && last
      ? encodeTaskCursor({ v: 0, s: toNumber(last.step_id), id: toNumber(last.id) })
      : null,
  };
}

const badTimelineCursor = () => badRequest("cursor is not one this timeline gave: pass nextCursor from the previous page unchanged.");

async function stepOfRun(db: Db, run: RunSummary, stepId: number): Promise<boolean> {
  return (await queryRows(db, sql`SELECT id FROM steps WHERE id = ${stepId} AND run_id = ${run.dbId}`)).length > 0;
}

function attemptRows(json: string | null) {
  return fromJsonRows<[string, string, number, string]>([{ rows: json }]).map(([fieldName, value, createdTs, tags]) => ({
    fieldName, value, createdTs: toNumber(createdTs), tags: parseJsonArray(tags),
  }));
}
