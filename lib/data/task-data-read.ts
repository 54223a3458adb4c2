import "server-only";
// Reads of what tasks recorded: metadata, artifacts (latest attempt unless one
// is asked for, as Metaflow's service does) and tasks filtered by metadata.
import type { Db } from "../db";
import { RE2JS } from "re2js";
import { badRequest } from "../errors";
import { findStep, runCondition, stepSource, taskKey, taskSource } from "./resolve";
import { parseJsonArray, sql, toNumber, type Prisma } from "./sql";
import type { RunView } from "./objects-read";
import { queryRows, type Row } from "./driver";
import { RUN_COLUMNS, runKey, runTagsColumn, toRunRecord } from "./run-record";

export type MetadataView = {
  id: number; flow: string; runKey: string; step: string; task: string; fieldName: string; value: string; type: string;
  userName: string; createdTs: number; tags: string[]; systemTags: string[];
};

export type ArtifactView = {
  run: RunView; step: string; task: string; taskDbId: number; name: string; location: string; dsType: string;
  sha: string; type: string; contentType: string; userName: string; attemptId: number; createdTs: number;
};

const metadataColumns = sql`m.id AS m_id, m.field_name, m.value, m.type, m.user_name AS m_user, m.created_ts AS m_ts,
  m.tags AS m_tags, m.system_tags AS m_system_tags`;

function toMetadataView(m: Row): MetadataView {
  return {
    id: toNumber(m.m_id), flow: m.flow_name as string, runKey: runKey({ runId: m.run_id as string | null, runNumber: toNumber(m.run_number) }),
    step: m.step_name as string, task: taskKey({ taskName: m.task_name as string | null, id: toNumber(m.task_id) }),
    fieldName: m.field_name as string, value: m.value as string, type: m.type as string, userName: m.m_user as string,
    createdTs: toNumber(m.m_ts), tags: parseJsonArray(m.m_tags as string), systemTags: parseJsonArray(m.m_system_tags as string),
  };
}

/**
 * Rows of `scope` (one row: the path names something) with its metadata
 * joined on `on`, or none. Plain joins (no subquery on the right) so that
 * both planners walk the metadata indexes.
 */
async function metadataRows(db: Db, scope: Prisma.Sql, on: Prisma.Sql): Promise<MetadataView[] | null> {
  const rows = await queryRows(db, sql`WITH x AS MATERIALIZED (${scope})
    SELECT x.flow_name, x.run_number, x.run_id, ${metadataColumns}, t.id AS task_id, t.task_name, s.name AS step_name
    FROM x LEFT JOIN metadata m ON ${on} LEFT JOIN tasks t ON t.id = m.task_id LEFT JOIN steps s ON s.id = t.step_id
    ORDER BY m.id`, true);
  if (!rows.length) return null;
  return rows.filter((m) => m.m_id !== null).map(toMetadataView);
}

export async function listTaskMetadata(db: Db, flow: string, run: string, step: string, task: string) {
  const from = taskSource(flow, run, step, task);
  if (!from) return null;
  return metadataRows(db, sql`SELECT t.id AS parent_id, r.flow_name, r.run_number, r.run_id FROM ${from}`, sql`m.task_id = x.parent_id`);
}

export async function listRunMetadata(db: Db, flow: string, run: string) {
  const where = runCondition(flow, run);
  if (!where) return null;
  return metadataRows(db, sql`SELECT r.id AS parent_id, r.flow_name, r.run_number, r.run_id FROM runs r WHERE ${where}`, sql`m.run_id = x.parent_id`);
}

export type ArtifactScope = { flow: string; run: string; step?: string; task?: string };
/** "latest": each task's latest attempt; a number: that attempt only. */
export type AttemptChoice = "latest" | number;

const artifactColumns = sql`a.id AS a_id, a.task_id AS a_task_id, a.name AS a_name, a.location, a.ds_type, a.sha,
  a.type AS a_type, a.content_type, a.user_name AS a_user, a.attempt_id, a.created_ts AS a_ts, t.task_name, s.name AS step_name`;
/** The run, step or task a scope names (`parent_id` and the run's columns) and how its artifacts join it; null when it names nothing. */
function artifactScope(db: Db, scope: ArtifactScope): { scope: Prisma.Sql; joins: Prisma.Sql } | null {
  const columns = sql`${RUN_COLUMNS}, ${runTagsColumn()}`;
  const rest = sql`LEFT JOIN steps s ON s.id = t.step_id`;
  if (scope.task !== undefined) {
    const from = taskSource(scope.flow, scope.run, scope.step!, scope.task);
    return from && {
      scope: sql`SELECT t.id AS parent_id, ${columns} FROM ${from}`,
      joins: sql`LEFT JOIN artifacts a ON a.task_id = x.parent_id LEFT JOIN tasks t ON t.id = a.task_id ${rest}`,
    };
  }
  if (scope.step !== undefined) {
    const from = stepSource(scope.flow, scope.run, scope.step);
    return from && {
      scope: sql`SELECT s.id AS parent_id, ${columns} FROM ${from}`,
      joins: sql`LEFT JOIN tasks t ON t.step_id = x.parent_id LEFT JOIN artifacts a ON a.task_id = t.id ${rest}`,
    };
  }
  const where = runCondition(scope.flow, scope.run);
  return where && {
    scope: sql`SELECT r.id AS parent_id, ${columns} FROM runs r WHERE ${where}`,
    joins: sql`LEFT JOIN artifacts a ON a.run_id = x.parent_id LEFT JOIN tasks t ON t.id = a.task_id ${rest}`,
  };
}

export async function listArtifacts(db: Db, scope: ArtifactScope, attempt: AttemptChoice = "latest") {
  const q = artifactScope(db, scope);
  if (!q) return null;
  const rows = await queryRows(db, sql`WITH x AS MATERIALIZED (${q.scope}) SELECT x.*, ${artifactColumns} FROM x ${q.joins}
    ORDER BY a.task_id, a.id`, true);
  if (!rows.length) return null;
  const view = toRunRecord(rows[0]);
  const found = rows.filter((a) => a.a_id !== null);
  const wanted = new Map<number, number>();
  for (const a of found) {
    const task = toNumber(a.a_task_id);
    wanted.set(task, attempt === "latest" ? Math.max(toNumber(a.attempt_id), wanted.get(task) ?? 0) : attempt);
  }
  return found.filter((a) => toNumber(a.attempt_id) === wanted.get(toNumber(a.a_task_id))).map((a) => toArtifactView(view, a));
}

/** One artifact by name: the given attempt, else the latest attempt that recorded it. */
export async function getArtifact(
  db: Db, flow: string, run: string, step: string, task: string, name: string, attempt: AttemptChoice = "latest",
) {
  const from = taskSource(flow, run, step, task);
  if (!from) return null;
  const [a] = await queryRows(db, sql`WITH x AS MATERIALIZED (SELECT t.id AS parent_id, ${RUN_COLUMNS}, ${runTagsColumn()} FROM ${from})
    SELECT x.*, ${artifactColumns} FROM x JOIN artifacts a ON a.task_id = x.parent_id AND a.name = ${name}
      ${attempt === "latest" ? sql`` : sql`AND a.attempt_id = ${attempt}`}
      JOIN tasks t ON t.id = a.task_id JOIN steps s ON s.id = t.step_id
    ORDER BY a.attempt_id DESC, a.id DESC LIMIT 1`, true);
  return a ? toArtifactView(toRunRecord(a), a) : null;
}

function toArtifactView(run: RunView, a: Row): ArtifactView {
  const taskDbId = toNumber(a.a_task_id);
  return {
    run, step: a.step_name as string, task: taskKey({ taskName: a.task_name as string | null, id: taskDbId }), taskDbId,
    name: a.a_name as string, location: a.location as string, dsType: a.ds_type as string, sha: a.sha as string,
    type: a.a_type as string, contentType: a.content_type as string, userName: a.a_user as string,
    attemptId: toNumber(a.attempt_id), createdTs: toNumber(a.a_ts),
  };
}

const MAX_PATTERN_LENGTH = 1000;
/** Values longer than this are matched on their first part: the work per request stays bounded. */
const MAX_MATCHED_LENGTH = 65_536;

/**
 * Pathspecs of a step's tasks having metadata whose value matches `pattern` (a
 * regular expression, searched anywhere in the value), optionally only for one
 * field. Matching happens here rather than in SQL so both databases agree,
 * with RE2 (re2js): linear time whatever the pattern, where a backtracking
 * engine on `^(a+)+$` would hold the server for seconds.
 */
export async function filteredTaskPathspecs(
  db: Db, flow: string, run: string, step: string, fieldName?: string, pattern?: string,
): Promise<string[] | null> {
  const found = await findStep(db, flow, run, step);
  if (!found) return null;
  let re: RE2JS | undefined;
  if (pattern) {
    if (pattern.length > MAX_PATTERN_LENGTH) throw badRequest(`pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
    try {
      re = RE2JS.compile(pattern);
    } catch {
      throw badRequest(`pattern is not a regular expression this service understands (RE2 syntax, no backreferences or lookaround): ${pattern}`);
    }
  }
  const rows = await db.metadata.findMany({
    where: { runId: found.run.id, task: { stepId: found.step.id }, ...(fieldName ? { fieldName } : {}) },
    select: { value: true, task: { select: { id: true, taskName: true } } },
    orderBy: { taskId: "asc" },
  });
  const key = found.run.runId ?? String(found.run.runNumber);
  const out = new Map<number, string>();
  for (const r of rows) {
    if (out.has(r.task.id) || (re && !re.matcher(r.value.slice(0, MAX_MATCHED_LENGTH)).find())) continue;
    out.set(r.task.id, `${flow}/${key}/${step}/${taskKey(r.task)}`);
  }
  return [...out.values()];
}

/** The latest value of each metadata field of a task (what Metaflow's metadata_dict shows). */
export async function latestMetadataValues(db: Db, taskId: number, fields: string[]): Promise<Map<string, string>> {
  const rows = await db.metadata.findMany({
    where: { taskId, fieldName: { in: fields } },
    orderBy: { id: "asc" },
    select: { fieldName: true, value: true },
  });
  return new Map(rows.map((r) => [r.fieldName, r.value]));
}
