import "server-only";
// The metadata API's writes on PostgreSQL: one statement each, one round trip.
// Names in the path are resolved inside the statement (a CTE), the changes it
// implies ride along as data-modifying CTEs, and the live event is a
// pg_notify in the same statement (delivered when it commits).
import type { Pool } from "pg";
import type { RecordWriter, TaskRow } from "./record-writer";
import { pgQuery, type Row } from "./driver";
import { rowsFromJson, type JsonColumn } from "./dialect";
import { runCondition, stepSource, taskSource } from "./resolve";
import { RUN_COLUMNS, runTagsColumn, toRunRecord } from "./run-record";
import { artifactColumns, logLineColumns, metadataColumns, runEffectsSql, tagRowColumns } from "./record-writer-sql";
import { TAG_STATS_ON_CONFLICT } from "./run-tags-write";
import { CHANNEL, MAX_NOTIFY_BYTES, type TaskChangeEvent } from "../live/publish";
import { Prisma, empty, sql, toNumber } from "./sql";

const json = (columns: JsonColumn[], rows: unknown[][]) => rowsFromJson("postgresql", columns, rows);
const taskRow = (t: Row): TaskRow => ({
  id: toNumber(t.task_id), taskName: (t.task_name as string | null) ?? null, userName: t.task_user as string,
  createdTs: toNumber(t.task_ts), lastHeartbeatTs: toNumber(t.task_hb), attempt: toNumber(t.attempt),
});

/** A change event as listeners read it (lib/live/publish.ts), built in SQL. */
function notify(kind: string, flow: Prisma.Sql, runNumber: Prisma.Sql, runDbId: Prisma.Sql, tags?: string[]): Prisma.Sql {
  const tagsJson = tags && Buffer.byteLength(JSON.stringify(tags)) < MAX_NOTIFY_BYTES - 200 ? JSON.stringify(tags) : null;
  return sql`pg_notify(${CHANNEL}, json_strip_nulls(json_build_object('kind', ${kind}::text, 'flow', ${flow}, 'runNumber', ${runNumber},
    'runDbId', ${runDbId}, 'tags', ${tagsJson}::json))::text)`;
}

/** A task's change event (TaskChangeEvent): names are short, so it always fits. */
function notifyTask(kind: TaskChangeEvent["kind"], flow: Prisma.Sql, runNumber: Prisma.Sql, runDbId: Prisma.Sql, step: Prisma.Sql, task: Prisma.Sql): Prisma.Sql {
  return sql`pg_notify(${CHANNEL}, json_build_object('kind', ${kind}::text, 'flow', ${flow}, 'runNumber', ${runNumber},
    'runDbId', ${runDbId}, 'step', ${step}, 'task', ${task})::text)`;
}
const taskKey = (t: string) => Prisma.raw(`COALESCE(${t}.task_name, CAST(${t}.id AS TEXT))`);

export function postgresWriter(pool: Pool): RecordWriter {
  const rows = (q: Prisma.Sql) => pgQuery(pool, q, true);
  const first = async (q: Prisma.Sql) => (await rows(q))[0] as Row | undefined;
  return {
    insertFlow: async (f) => {
      const row = (await first(sql`INSERT INTO flows (name, user_name, created_ts, tags, system_tags)
        VALUES (${f.name}, ${f.userName}, ${f.createdTs}, ${f.tags}, ${f.systemTags}) RETURNING id`))!;
      return { ...f, id: toNumber(row.id) };
    },

    insertRun: async (r) => {
      const flow = r.runNumber === undefined
        ? sql`UPDATE flows SET last_run_number = last_run_number + 1 WHERE name = ${r.flow} RETURNING id, last_run_number AS n`
        : sql`UPDATE flows SET last_run_number = GREATEST(last_run_number, ${r.runNumber}::int) WHERE name = ${r.flow} RETURNING id, ${r.runNumber}::int AS n`;
      const tags = r.tags.map((t) => [t.tag, t.system]);
      const row = await first(sql`WITH f AS (${flow}),
        r AS (INSERT INTO runs (flow_id, flow_name, run_number, run_id, user_name, created_ts, last_heartbeat_ts)
          SELECT f.id, ${r.flow}, f.n, ${r.runId}, ${r.userName}, ${r.createdTs}, ${r.lastHeartbeatTs}::float8 FROM f RETURNING *),
        t AS (INSERT INTO run_tags (run_id, tag, system, created_ts, flow_id, owner)
          SELECT r.id, j.tag, j.system, r.created_ts, r.flow_id, ${r.owner} FROM r, (${json(tagRowColumns, tags)}) j),
        s AS (INSERT INTO tag_stats (tag, system, run_count, last_ts)
          SELECT j.tag, j.system, 1, ${r.createdTs} FROM (${json(tagRowColumns, tags)}) j WHERE EXISTS (SELECT 1 FROM r) ORDER BY j.tag
          ${TAG_STATS_ON_CONFLICT})
        SELECT ${RUN_COLUMNS}, ${notify("run_created", sql`r.flow_name`, sql`r.run_number`, sql`r.id`, r.tags.map((t) => t.tag))} AS notified FROM r`);
      return row ? toRunRecord({ ...row, tags: JSON.stringify(tags) }) : null;
    },

    insertStep: async (p, s) => {
      const where = runCondition(p.flow, p.run);
      if (!where) return null;
      const row = await first(sql`WITH r AS (SELECT ${RUN_COLUMNS}, ${runTagsColumn()} FROM runs r WHERE ${where}),
        s AS (INSERT INTO steps (run_id, name, user_name, created_ts) SELECT r.id, ${s.name}, ${s.userName}, ${s.createdTs} FROM r RETURNING id)
        SELECT r.*, s.id AS step_id FROM r, s`);
      return row ? { run: toRunRecord(row), step: { ...s, id: toNumber(row.step_id) } } : null;
    },

    insertTask: async (p, t, nowS) => {
      const from = stepSource(p.flow, p.run, p.step);
      if (!from) return null;
      const row = await first(sql`WITH s AS (SELECT s.id AS step_id, s.name AS step_name, ${RUN_COLUMNS}, ${runTagsColumn()} FROM ${from}),
        t AS (INSERT INTO tasks (step_id, run_id, task_name, user_name, created_ts, last_heartbeat_ts, attempt)
          SELECT s.step_id, s.id, ${t.taskName}, ${t.userName}, ${t.createdTs}, ${t.lastHeartbeatTs}, 0 FROM s
          RETURNING id AS task_id, task_name, user_name AS task_user, created_ts AS task_ts, last_heartbeat_ts AS task_hb, attempt,
            ${taskKey("tasks")} AS task_key),
        u AS (UPDATE runs SET last_heartbeat_ts = ${nowS} WHERE id = (SELECT id FROM s)
          AND (last_heartbeat_ts IS NULL OR last_heartbeat_ts < ${nowS}))
        SELECT s.*, t.*, ${notifyTask("task_created", sql`s.flow_name`, sql`s.run_number`, sql`s.id`, sql`s.step_name`, sql`t.task_key`)} AS notified FROM s, t`);
      return row ? { run: toRunRecord(row), task: taskRow(row) } : null;
    },

    insertMetadata: async (p, items, effects, now) => {
      const from = taskSource(p.flow, p.run, p.step, p.task);
      if (!from) return null;
      const { task: tu, run: ru } = effects;
      const parts = [sql`t AS (SELECT t.id, t.run_id${tu ? sql`, t.attempt, ${taskKey("t")} AS task_key, s.name AS step_name, r.flow_name, r.run_number` : empty} FROM ${from})`];
      if (items.length) {
        parts.push(sql`i AS (INSERT INTO metadata (task_id, run_id, field_name, value, type, user_name, tags, system_tags, created_ts)
          SELECT t.id, t.run_id, j.field_name, j.value, j.type, j.user_name, j.tags, j.system_tags, ${now}
          FROM t, (${json(metadataColumns, items.map((m) => [m.fieldName, m.value, m.type, m.userName, m.tags, m.systemTags]))}) j)`);
      }
      if (tu) {
        parts.push(sql`ut AS (UPDATE tasks SET attempt = COALESCE(${tu.attempt ?? null}::int, attempt),
          attempt_ok = COALESCE(${tu.attemptOk ?? null}::boolean, attempt_ok), finished_ts = COALESCE(${tu.finishedTs ?? null}::float8, finished_ts)
          WHERE id = (SELECT id FROM t))`);
      }
      let announce = sql`NULL`;
      if (ru) {
        parts.push(sql`ur AS (UPDATE runs SET ${runEffectsSql(ru, now)} WHERE id = (SELECT run_id FROM t) RETURNING id, flow_name, run_number)`);
        if (ru.endStatus) announce = sql`(SELECT ${notify("run_updated", sql`ur.flow_name`, sql`ur.run_number`, sql`ur.id`)} FROM ur)`;
      }
      // As on SQLite, the task changes (and is announced) when its verdict comes or its attempt moves on.
      const taskChanges = tu && (tu.attemptOk !== undefined || tu.attempt === undefined ? sql`TRUE` : sql`t.attempt <> ${tu.attempt}::int`);
      const announceTask = taskChanges
        ? sql`CASE WHEN ${taskChanges} THEN ${notifyTask("task_updated", sql`t.flow_name`, sql`t.run_number`, sql`t.run_id`, sql`t.step_name`, sql`t.task_key`)} END`
        : sql`NULL`;
      const row = await first(sql`WITH ${Prisma.join(parts, ", ")}
        SELECT t.id, t.run_id, ${ru ? sql`(SELECT run_number FROM ur)` : sql`-1`} AS run_number, ${announce} AS notified,
          ${announceTask} AS task_notified FROM t`);
      return row ? { dbId: toNumber(row.run_id), runNumber: toNumber(row.run_number) } : null;
    },

    insertArtifacts: async (p, items, now) => {
      const from = taskSource(p.flow, p.run, p.step, p.task);
      if (!from) return false;
      const row = await first(sql`WITH t AS (SELECT t.id, t.run_id FROM ${from}),
        i AS (INSERT INTO artifacts (task_id, run_id, name, location, ds_type, sha, type, content_type, attempt_id, user_name, created_ts)
          SELECT t.id, t.run_id, j.name, j.location, j.ds_type, j.sha, j.type, j.content_type, j.attempt_id, j.user_name, ${now}
          FROM t, (${json(artifactColumns, items.map((a) => [a.name, a.location, a.dsType, a.sha, a.type, a.contentType, a.attemptId, a.userName]))}) j)
        SELECT id FROM t`);
      return !!row;
    },

    insertLogLines: async (p, lines) => {
      const from = taskSource(p.flow, p.run, p.step, p.task);
      if (!from) return false;
      const row = await first(sql`WITH t AS (SELECT t.id, t.attempt FROM ${from}),
        i AS (INSERT INTO log_lines (task_id, stream, line, ts, attempt)
          SELECT t.id, j.stream, j.line, j.ts, COALESCE(j.attempt, t.attempt)
          FROM t, (${json(logLineColumns, lines.map((l) => [l.stream, l.line, l.ts, l.attempt]))}) j)
        SELECT id FROM t`);
      return !!row;
    },

    touchRun: async (p, nowS, every) => {
      const where = runCondition(p.flow, p.run);
      if (!where) return false;
      const row = await first(sql`WITH r AS (SELECT r.id FROM runs r WHERE ${where}),
        u AS (UPDATE runs SET last_heartbeat_ts = ${nowS} WHERE id = (SELECT id FROM r)
          AND (last_heartbeat_ts IS NULL OR last_heartbeat_ts < ${nowS - every}))
        SELECT id FROM r`);
      return !!row;
    },

    touchTask: async (p, nowS, every) => {
      const from = taskSource(p.flow, p.run, p.step, p.task);
      if (!from) return false;
      const stale = sql`(last_heartbeat_ts IS NULL OR last_heartbeat_ts < ${nowS - every})`;
      const row = await first(sql`WITH t AS (SELECT t.id, t.run_id FROM ${from}),
        ut AS (UPDATE tasks SET last_heartbeat_ts = ${nowS} WHERE id = (SELECT id FROM t) AND ${stale}),
        ur AS (UPDATE runs SET last_heartbeat_ts = ${nowS} WHERE id = (SELECT run_id FROM t) AND ${stale})
        SELECT id FROM t`);
      return !!row;
    },
  };
}
