import "server-only";
// A run's tasks, a page at a time from the server, for the tasks table
// (filter by step and status, sort by start or duration) and the timeline
// (every task grouped by step, with its attempts). Keyset pages: a run of
// 10,000 tasks reads one short index range per page.
import { dialectOf, type Db } from "../db";
import { HEARTBEAT_WINDOW_S, type RunStatus } from "../domain/status";
import { deriveTaskStatus } from "../domain/task";
import { taskAttempts, type Attempt } from "../domain/attempts";
import { decodeTaskCursor, encodeTaskCursor, type TaskListQuery } from "../domain/task-list";
import { formatPathspec } from "../domain/pathspec";
import type { RunSummary } from "./runs-read";
import { badRequest } from "../errors";
import { Prisma, empty, join, parseJsonArray, sql, toNullableNumber, toNumber } from "./sql";

export type TaskListRow = {
  key: string; step: string; pathspec: string; attempt: number; status: RunStatus;
  createdTs: number; finishedTs: number | null; durationMs: number | null;
};
export type TimelineRow = TaskListRow & { attempts: Attempt[] };

type Raw = Record<string, unknown>;

const COLUMNS = sql`t.id, t.task_name, s.name AS step, s.id AS step_id, t.attempt, t.attempt_ok, t.created_ts, t.finished_ts, t.last_heartbeat_ts`;

/** Until it finishes, a task lasts to its last heartbeat (what a person can tell of it). */
const DURATION = sql`(COALESCE(t.finished_ts, t.last_heartbeat_ts * 1000, t.created_ts) - t.created_ts)`;

function statusCondition(db: Db, status: string | undefined, nowMs: number): Prisma.Sql {
  if (!status) return empty;
  const yes = Prisma.raw(dialectOf(db) === "sqlite" ? "1" : "TRUE");
  const no = Prisma.raw(dialectOf(db) === "sqlite" ? "0" : "FALSE");
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

export async function listRunTasks(db: Db, run: RunSummary, q: TaskListQuery, nowMs = Date.now()) {
  const cursor = decodeTaskCursor(q.cursor);
  const desc = (q.order ?? (q.sort === "duration" ? "desc" : "asc")) === "desc";
  const key = q.sort === "duration" ? DURATION : sql`t.created_ts`;
  const cmp = Prisma.raw(desc ? "<" : ">");
  const dir = Prisma.raw(desc ? "DESC" : "ASC");
  const after = cursor ? sql`AND (${key} ${cmp} ${cursor.v} OR (${key} = ${cursor.v} AND t.id ${cmp} ${cursor.id}))` : empty;
  const stepCond = q.step ? sql`AND s.name = ${q.step}` : empty;
  const rows = await db.$queryRaw<Raw[]>(sql`
    SELECT ${COLUMNS}, ${key} AS sort_value FROM tasks t JOIN steps s ON s.id = t.step_id
    WHERE t.run_id = ${run.dbId} ${stepCond} ${statusCondition(db, q.status, nowMs)} ${after}
    ORDER BY ${key} ${dir}, t.id ${dir} LIMIT ${q.limit + 1}`);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    tasks: page.map((r) => toRow(run, r, nowMs)).map(({ id: _id, ...t }) => t),
    nextCursor: rows.length > q.limit && last ? encodeTaskCursor({ v: toNumber(last.sort_value), id: toNumber(last.id) }) : null,
  };
}

/**
 * Timeline order: steps in the order they started, each step's tasks in the
 * order they were created (by id). Read step by step on the (step_id, id)
 * index, so a page costs the same at the start and the end of a 10,000-task step.
 */
export async function timelinePage(db: Db, run: RunSummary, opts: { cursor?: string; limit: number }, nowMs = Date.now()) {
  const cursor = decodeTaskCursor(opts.cursor);
  const [steps, total] = await Promise.all([
    db.step.findMany({ where: { runId: run.dbId }, orderBy: [{ createdTs: "asc" }, { id: "asc" }], select: { id: true } }),
    cursor ? Promise.resolve(null) : db.task.count({ where: { runId: run.dbId } }),
  ]);
  let from = cursor ? steps.findIndex((s) => s.id === cursor.s) : 0;
  if (from < 0) throw badRequest("cursor is not one this timeline gave: pass nextCursor from the previous page unchanged.");
  const rows: Raw[] = [];
  for (let after = cursor?.id ?? 0; from < steps.length && rows.length <= opts.limit; from++, after = 0) {
    rows.push(...(await db.$queryRaw<Raw[]>(sql`
      SELECT ${COLUMNS} FROM tasks t JOIN steps s ON s.id = t.step_id
      WHERE t.step_id = ${steps[from].id} AND t.id > ${after}
      ORDER BY t.id LIMIT ${opts.limit + 1 - rows.length}`)));
  }
  const page = rows.slice(0, opts.limit);
  const ids = page.map((r) => toNumber(r.id));
  const meta = ids.length
    ? await db.$queryRaw<Raw[]>(sql`
        SELECT task_id, field_name, value, created_ts, tags FROM metadata
        WHERE task_id IN (${join(ids)}) AND field_name IN ('attempt', 'attempt_ok', 'attempt-done')`)
    : [];
  const byTask = new Map<number, { fieldName: string; value: string; createdTs: number; tags: string[] }[]>();
  for (const m of meta) {
    const id = toNumber(m.task_id);
    const list = byTask.get(id) ?? (byTask.set(id, []), byTask.get(id)!);
    list.push({ fieldName: m.field_name as string, value: m.value as string, createdTs: toNumber(m.created_ts), tags: parseJsonArray(m.tags as string) });
  }
  const tasks: TimelineRow[] = page.map((r) => {
    const { id, ...row } = toRow(run, r, nowMs);
    const attemptOk = row.status === "completed" ? true : r.attempt_ok === null ? null : row.status === "failed" ? false : null;
    const attempts = taskAttempts(
      { createdTs: row.createdTs, finishedTs: row.finishedTs, attempt: row.attempt, attemptOk, lastHeartbeatTs: toNullableNumber(r.last_heartbeat_ts) },
      byTask.get(id) ?? [], nowMs,
    );
    return { ...row, attempts };
  });
  const last = page.at(-1);
  return {
    tasks,
    total,
    runStart: run.createdTs,
    runEnd: run.finishedTs ?? (run.status === "running" ? nowMs : run.durationMs !== null ? run.createdTs + run.durationMs : nowMs),
    nextCursor: rows.length > opts.limit && last
      ? encodeTaskCursor({ v: 0, s: toNumber(last.step_id), id: toNumber(last.id) })
      : null,
  };
}
