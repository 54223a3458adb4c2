import "server-only";
// Reads of what tasks recorded: metadata, artifacts (latest attempt unless one
// is asked for, as Metaflow's service does) and tasks filtered by metadata.
import type { Db } from "../db";
import { badRequest } from "../errors";
import { findStep, findTask, taskKey } from "./resolve";
import { parseJsonArray } from "./sql";
import { getRunView, runView, type RunView } from "./objects-read";

export type MetadataView = {
  id: number; flow: string; runKey: string; step: string; task: string; fieldName: string; value: string; type: string;
  userName: string; createdTs: number; tags: string[]; systemTags: string[];
};

export type ArtifactView = {
  run: RunView; step: string; task: string; taskDbId: number; name: string; location: string; dsType: string;
  sha: string; type: string; contentType: string; userName: string; attemptId: number; createdTs: number;
};

const taskRef = { select: { id: true, taskName: true, step: { select: { name: true } } } } as const;
type TaskRef = { id: number; taskName: string | null; step: { name: string } };

function toMetadataView(run: RunView, m: {
  id: number; fieldName: string; value: string; type: string; userName: string; createdTs: number; tags: string;
  systemTags: string; task: TaskRef;
}): MetadataView {
  return {
    id: m.id, flow: run.flow, runKey: run.key, step: m.task.step.name, task: taskKey(m.task), fieldName: m.fieldName,
    value: m.value, type: m.type, userName: m.userName, createdTs: m.createdTs, tags: parseJsonArray(m.tags),
    systemTags: parseJsonArray(m.systemTags),
  };
}

export async function listTaskMetadata(db: Db, flow: string, run: string, step: string, task: string) {
  const found = await findTask(db, flow, run, step, task);
  if (!found) return null;
  const [view, rows] = await Promise.all([
    runView(db, found.run),
    db.metadata.findMany({ where: { taskId: found.task.id }, orderBy: { id: "asc" }, include: { task: taskRef } }),
  ]);
  return rows.map((m) => toMetadataView(view, m));
}

export async function listRunMetadata(db: Db, flow: string, run: string) {
  const view = await getRunView(db, flow, run);
  if (!view) return null;
  const rows = await db.metadata.findMany({ where: { runId: view.dbId }, orderBy: { id: "asc" }, include: { task: taskRef } });
  return rows.map((m) => toMetadataView(view, m));
}

export type ArtifactScope = { flow: string; run: string; step?: string; task?: string };
/** "latest": each task's latest attempt; a number: that attempt only. */
export type AttemptChoice = "latest" | number;

export async function listArtifacts(db: Db, scope: ArtifactScope, attempt: AttemptChoice = "latest") {
  const view = await getRunView(db, scope.flow, scope.run);
  if (!view) return null;
  let where: { runId: number; taskId?: number; task?: { stepId: number } } = { runId: view.dbId };
  if (scope.task !== undefined) {
    const found = await findTask(db, scope.flow, scope.run, scope.step!, scope.task);
    if (!found) return null;
    where = { runId: view.dbId, taskId: found.task.id };
  } else if (scope.step !== undefined) {
    const found = await findStep(db, scope.flow, scope.run, scope.step);
    if (!found) return null;
    where = { runId: view.dbId, task: { stepId: found.step.id } };
  }
  const rows = await db.artifact.findMany({ where, orderBy: [{ taskId: "asc" }, { id: "asc" }], include: { task: taskRef } });
  const wanted = new Map<number, number>();
  for (const a of rows) {
    const chosen = attempt === "latest" ? Math.max(a.attemptId, wanted.get(a.taskId) ?? 0) : attempt;
    wanted.set(a.taskId, chosen);
  }
  return rows.filter((a) => a.attemptId === wanted.get(a.taskId)).map((a) => toArtifactView(view, a));
}

/** One artifact by name: the given attempt, else the latest attempt that recorded it. */
export async function getArtifact(
  db: Db, flow: string, run: string, step: string, task: string, name: string, attempt: AttemptChoice = "latest",
) {
  const found = await findTask(db, flow, run, step, task);
  if (!found) return null;
  const a = await db.artifact.findFirst({
    where: { taskId: found.task.id, name, ...(attempt === "latest" ? {} : { attemptId: attempt }) },
    orderBy: [{ attemptId: "desc" }, { id: "desc" }],
    include: { task: taskRef },
  });
  if (!a) return null;
  return toArtifactView(await runView(db, found.run), a);
}

function toArtifactView(run: RunView, a: {
  name: string; location: string; dsType: string; sha: string; type: string; contentType: string; userName: string;
  attemptId: number; createdTs: number; task: TaskRef;
}): ArtifactView {
  return {
    run, step: a.task.step.name, task: taskKey(a.task), taskDbId: a.task.id, name: a.name, location: a.location,
    dsType: a.dsType, sha: a.sha, type: a.type, contentType: a.contentType, userName: a.userName,
    attemptId: a.attemptId, createdTs: a.createdTs,
  };
}

const MAX_PATTERN_LENGTH = 1000;

/**
 * Pathspecs of a step's tasks having metadata whose value matches `pattern` (a
 * regular expression, searched anywhere in the value), optionally only for one
 * field. Matching happens here rather than in SQL so both databases agree.
 */
export async function filteredTaskPathspecs(
  db: Db, flow: string, run: string, step: string, fieldName?: string, pattern?: string,
): Promise<string[] | null> {
  const found = await findStep(db, flow, run, step);
  if (!found) return null;
  let re: RegExp | undefined;
  if (pattern) {
    if (pattern.length > MAX_PATTERN_LENGTH) throw badRequest(`pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
    try {
      re = new RegExp(pattern);
    } catch {
      throw badRequest(`pattern is not a valid regular expression: ${pattern}`);
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
    if (out.has(r.task.id) || (re && !re.test(r.value))) continue;
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
