import "server-only";
// The metadata API's writes on SQLite: statements prepared once, run as one
// synchronous transaction on the connection Prisma shares, so nothing else in
// the process interleaves with them. A task, its metadata, its artifacts and
// its heartbeats take two statements at most (three for the end step's verdict).
import type { RecordWriter, TaskRow } from "./record-writer";
import { sqlite, sqliteWrite, type SqliteConnection } from "./driver";
import { rowsFromJson, type JsonColumn } from "./dialect";
import { runCondition, stepSource, taskSource } from "./resolve";
import { runColumns, runTagsColumn, toRunRecord } from "./run-record";
import { sql, toNumber, type Prisma } from "./sql";
import { artifactColumns, logLineColumns, metadataColumns, runEffectsSql, tagRowColumns } from "./record-writer-sql";
import { tagStatsUpsert } from "./run-tags-write";
import { announceLocally as announce } from "../live/publish";

const returningRun = sql`${runColumns("runs")}, ${runTagsColumn("runs")}`;
const taskRow = (t: Record<string, unknown>): TaskRow => ({
  id: toNumber(t.id), taskName: (t.task_name as string | null) ?? null, userName: t.user_name as string,
  createdTs: toNumber(t.created_ts), lastHeartbeatTs: toNumber(t.last_heartbeat_ts), attempt: toNumber(t.attempt),
});

const json = (columns: JsonColumn[], rows: unknown[][]) => rowsFromJson("sqlite", columns, rows);

export function sqliteWriter(conn: SqliteConnection): RecordWriter {
  const one = (q: Prisma.Sql) => sqlite.get(conn, q);
  return {
    insertFlow: (f) =>
      sqliteWrite(conn, () => {
        const row = one(sql`INSERT INTO flows (name, user_name, created_ts, tags, system_tags)
          VALUES (${f.name}, ${f.userName}, ${f.createdTs}, ${f.tags}, ${f.systemTags}) RETURNING id`)!;
        return { ...f, id: toNumber(row.id) };
      }),

    insertRun: async (r) => {
      const run = await sqliteWrite(conn, () => {
        const flow = one(
          r.runNumber === undefined
            ? sql`UPDATE flows SET last_run_number = last_run_number + 1 WHERE name = ${r.flow} RETURNING id, last_run_number AS n`
            : sql`UPDATE flows SET last_run_number = MAX(last_run_number, ${r.runNumber}) WHERE name = ${r.flow} RETURNING id, ${r.runNumber} AS n`,
        );
        if (!flow) return null;
        const run = one(sql`INSERT INTO runs (flow_id, flow_name, run_number, run_id, user_name, created_ts, last_heartbeat_ts)
          VALUES (${flow.id}, ${r.flow}, ${flow.n}, ${r.runId}, ${r.userName}, ${r.createdTs}, ${r.lastHeartbeatTs})
          RETURNING ${runColumns("runs")}`)!;
        if (r.tags.length) {
          sqlite.run(conn, sql`INSERT INTO run_tags (run_id, tag, system, created_ts, flow_id, owner)
            SELECT ${run.id}, j.tag, j.system, ${r.createdTs}, ${flow.id}, ${r.owner} FROM (${json(tagRowColumns, r.tags.map((t) => [t.tag, t.system]))}) j`);
          sqlite.run(conn, tagStatsUpsert(r.tags.map((t) => ({ ...t, delta: 1, ts: r.createdTs })))!);
        }
        return toRunRecord({ ...run, tags: JSON.stringify(r.tags.map((t) => [t.tag, t.system])) });
      });
      if (run) announce({ kind: "run_created", flow: run.flow, runNumber: run.runNumber, runDbId: run.dbId, tags: r.tags.map((t) => t.tag) });
      return run;
    },

    insertStep: async (p, s) => {
      const where = runCondition(p.flow, p.run);
      if (!where) return null;
      return sqliteWrite(conn, () => {
        const step = one(sql`INSERT INTO steps (run_id, name, user_name, created_ts)
          SELECT r.id, ${s.name}, ${s.userName}, ${s.createdTs} FROM runs r WHERE ${where} RETURNING id, run_id`);
        if (!step) return null;
        const run = one(sql`SELECT ${runColumns("runs")}, ${runTagsColumn("runs")} FROM runs WHERE id = ${step.run_id}`)!;
        return { run: toRunRecord(run), step: { ...s, id: toNumber(step.id) } };
      });
    },

    insertTask: async (p, t, nowS) => {
      const from = stepSource(p.flow, p.run, p.step);
      if (!from) return null;
      const written = await sqliteWrite(conn, () => {
        const task = one(sql`INSERT INTO tasks (step_id, run_id, task_name, user_name, created_ts, last_heartbeat_ts, attempt)
          SELECT s.id, r.id, ${t.taskName}, ${t.userName}, ${t.createdTs}, ${t.lastHeartbeatTs}, 0 FROM ${from}
          RETURNING id, run_id, task_name, user_name, created_ts, last_heartbeat_ts, attempt`);
        if (!task) return null;
        // The run is alive while its tasks start: its heartbeat moves with them.
        const run = one(sql`UPDATE runs SET last_heartbeat_ts = MAX(COALESCE(last_heartbeat_ts, 0), ${nowS})
          WHERE id = ${task.run_id} RETURNING ${returningRun}`)!;
        return { run: toRunRecord(run), task: taskRow(task) };
      });
      if (written) {
        const { run, task } = written;
        announce({ kind: "task_created", flow: run.flow, runNumber: run.runNumber, runDbId: run.dbId, step: p.step, task: task.taskName ?? String(task.id) });
      }
      return written;
    },

    insertMetadata: async (p, rows, effects, now) => {
      const from = taskSource(p.flow, p.run, p.step, p.task);
      if (!from) return null;
      const touched = await sqliteWrite(conn, () => {
        // The task's and run's current values come back with the insert, so
        // that only what changes is written: usually nothing more.
        const current = (taskId: Prisma.Sql, runId: Prisma.Sql) => sql`(SELECT attempt FROM tasks WHERE id = ${taskId}) AS attempt,
          (SELECT origin_run_id FROM runs WHERE id = ${runId}) AS origin_run_id`;
        const task = rows.length
          ? one(sql`INSERT INTO metadata (task_id, run_id, field_name, value, type, user_name, tags, system_tags, created_ts)
              SELECT t.id, t.run_id, j.field_name, j.value, j.type, j.user_name, j.tags, j.system_tags, ${now}
              FROM (SELECT t.id, t.run_id FROM ${from}) t, (${json(metadataColumns, rows.map((m) => [m.fieldName, m.value, m.type, m.userName, m.tags, m.systemTags]))}) j
              RETURNING task_id AS id, run_id, ${current(sql`task_id`, sql`run_id`)}`)
          : one(sql`SELECT t.id, t.run_id, ${current(sql`t.id`, sql`t.run_id`)} FROM ${from}`);
        if (!task) return null;
        const tu = effects.task && (effects.task.attemptOk !== undefined || effects.task.attempt !== toNumber(task.attempt)) ? effects.task : undefined;
        const ru = effects.run && (effects.run.endStatus || task.origin_run_id === null) ? effects.run : undefined;
        let changed: { task: string; runNumber: number } | null = null;
        if (tu) {
          const t = one(sql`UPDATE tasks SET attempt = COALESCE(${tu.attempt ?? null}, attempt),
            attempt_ok = COALESCE(${tu.attemptOk ?? null}, attempt_ok), finished_ts = COALESCE(${tu.finishedTs ?? null}, finished_ts)
            WHERE id = ${task.id} RETURNING COALESCE(task_name, CAST(id AS TEXT)) AS task_key,
              (SELECT run_number FROM runs WHERE id = tasks.run_id) AS run_number`)!;
          changed = { task: t.task_key as string, runNumber: toNumber(t.run_number) };
        }
        let runNumber = -1;
        if (ru) {
          const run = one(sql`UPDATE runs SET ${runEffectsSql(ru, now)} WHERE id = ${task.run_id} RETURNING run_number`)!;
          runNumber = toNumber(run.run_number);
        }
        return { dbId: toNumber(task.run_id), runNumber, changed };
      });
      if (!touched) return null;
      const { changed, ...run } = touched;
      if (effects.run?.endStatus) announce({ kind: "run_updated", flow: p.flow, runNumber: run.runNumber, runDbId: run.dbId });
      if (changed) announce({ kind: "task_updated", flow: p.flow, runNumber: changed.runNumber, runDbId: run.dbId, step: p.step, task: changed.task });
      return run;
    },

    insertArtifacts: async (p, rows, now) => {
      const from = taskSource(p.flow, p.run, p.step, p.task);
      if (!from) return false;
      return sqliteWrite(conn, () =>
        !!one(sql`INSERT INTO artifacts (task_id, run_id, name, location, ds_type, sha, type, content_type, attempt_id, user_name, created_ts)
          SELECT t.id, t.run_id, j.name, j.location, j.ds_type, j.sha, j.type, j.content_type, j.attempt_id, j.user_name, ${now}
          FROM (SELECT t.id, t.run_id FROM ${from}) t, (${json(artifactColumns, rows.map((a) => [a.name, a.location, a.dsType, a.sha, a.type, a.contentType, a.attemptId, a.userName]))}) j
          RETURNING task_id`),
      );
    },

    insertLogLines: async (p, lines) => {
      const from = taskSource(p.flow, p.run, p.step, p.task);
      if (!from) return false;
      return sqliteWrite(conn, () =>
        !!one(sql`INSERT INTO log_lines (task_id, stream, line, ts, attempt)
          SELECT t.id, j.stream, j.line, j.ts, COALESCE(j.attempt, t.attempt)
          FROM (SELECT t.id, t.attempt FROM ${from}) t, (${json(logLineColumns, lines.map((l) => [l.stream, l.line, l.ts, l.attempt]))}) j
          RETURNING task_id`),
      );
    },

    touchRun: async (p, nowS, every) => {
      const where = runCondition(p.flow, p.run);
      if (!where) return false;
      return sqliteWrite(conn, () =>
        !!one(sql`UPDATE runs SET last_heartbeat_ts = CASE WHEN last_heartbeat_ts IS NULL OR last_heartbeat_ts < ${nowS - every}
            THEN ${nowS} ELSE last_heartbeat_ts END
          WHERE id = (SELECT r.id FROM runs r WHERE ${where}) RETURNING id`),
      );
    },

    touchTask: async (p, nowS, every) => {
      const from = taskSource(p.flow, p.run, p.step, p.task);
      if (!from) return false;
      const stale = sql`last_heartbeat_ts IS NULL OR last_heartbeat_ts < ${nowS - every}`;
      return sqliteWrite(conn, () => {
        const task = one(sql`UPDATE tasks SET last_heartbeat_ts = CASE WHEN ${stale} THEN ${nowS} ELSE last_heartbeat_ts END
          WHERE id = (SELECT t.id FROM ${from}) RETURNING run_id`);
        if (!task) return false;
        sqlite.run(conn, sql`UPDATE runs SET last_heartbeat_ts = ${nowS} WHERE id = ${task.run_id} AND (${stale})`);
        return true;
      });
    },
  };
}
