import "server-only";
// One task as its page shows it: what `current` gave inside it, its attempts,
// every metadata row, its artifacts (with where they are stored and whether
// Flowdeck may read them) and its cards.
import { stat } from "node:fs/promises";
import type { Db } from "../db";
import { notFound } from "../errors";
import { formatPathspec } from "../domain/pathspec";
import { deriveTaskStatus, fullTaskCurrent, type FullTaskCurrent } from "../domain/task";
import { taskAttempts, type Attempt } from "../domain/attempts";
import { artifactSegments, pathUnder, type Readability } from "../domain/datastore-roots";
import type { RunStatus } from "../domain/status";
import type { RunSummary } from "./runs-read";
import { findTask, taskKey } from "./resolve";
import { parseJsonArray } from "./sql";
import { listCards, previewArtifact, realInside, taskDatastore, type CardEntry } from "./datastore";
import type { PicklePreview } from "../domain/pickle-preview";

export type TaskMetadataRow = { id: number; fieldName: string; value: string; type: string; createdTs: number; tags: string[] };
export type TaskArtifactRow = {
  name: string; type: string; contentType: string; sha: string; location: string; dsType: string; attempt: number;
  createdTs: number; sizeBytes: number | null; readable: boolean;
};
export type TaskDetail = {
  pathspec: string; step: string; key: string; status: RunStatus; createdTs: number; finishedTs: number | null;
  current: FullTaskCurrent; attempts: Attempt[]; metadata: TaskMetadataRow[];
  datastore: { readable: boolean; reason: string | null; root: string | null };
};

async function found(db: Db, run: RunSummary, step: string, task: string) {
  const f = await findTask(db, run.flow, run.key, step, task);
  if (!f || f.run.id !== run.dbId) throw notFound(`Task ${formatPathspec({ flow: run.flow, run: run.key, step, task })} does not exist.`);
  return f;
}

export async function getTaskDetail(db: Db, run: RunSummary, step: string, task: string, now = Date.now()): Promise<TaskDetail> {
  const f = await found(db, run, step, task);
  const [rows, where] = await Promise.all([
    db.metadata.findMany({ where: { taskId: f.task.id }, orderBy: { id: "asc" }, select: { id: true, fieldName: true, value: true, type: true, createdTs: true, tags: true } }),
    taskDatastore(db, f.task.id),
  ]);
  const metadata = rows.map((m) => ({ ...m, tags: parseJsonArray(m.tags) }));
  const key = taskKey(f.task);
  return {
    pathspec: formatPathspec({ flow: run.flow, run: run.key, step, task: key }), step, key,
    status: deriveTaskStatus(f.task, now), createdTs: f.task.createdTs, finishedTs: f.task.finishedTs,
    current: fullTaskCurrent(run, step, { key, userName: f.task.userName, attempt: f.task.attempt }),
    attempts: taskAttempts(f.task, metadata, now),
    metadata,
    datastore: { readable: where.readable, reason: where.readable ? null : where.reason, root: where.readable ? where.dir : null },
  };
}

async function sizeOf(where: Readability, flow: string, sha: string): Promise<number | null> {
  if (!where.readable) return null;
  const segments = artifactSegments(flow, sha);
  const file = segments && pathUnder(where.dir, segments);
  const real = file && (await realInside(where.root, file));
  if (!real) return null;
  try {
    return (await stat(real)).size;
  } catch {
    return null;
  }
}

/** The task's artifacts of one attempt (the latest by default). */
export async function listTaskArtifacts(db: Db, run: RunSummary, step: string, task: string, attempt?: number) {
  const f = await found(db, run, step, task);
  const at = attempt ?? f.task.attempt;
  const [rows, where] = await Promise.all([
    db.artifact.findMany({ where: { taskId: f.task.id, attemptId: at }, orderBy: { name: "asc" } }),
    taskDatastore(db, f.task.id),
  ]);
  const artifacts: TaskArtifactRow[] = await Promise.all(rows.map(async (a) => {
    const sizeBytes = await sizeOf(where, run.flow, a.sha);
    return {
      name: a.name, type: a.type, contentType: a.contentType, sha: a.sha, location: a.location, dsType: a.dsType,
      attempt: a.attemptId, createdTs: a.createdTs, sizeBytes, readable: sizeBytes !== null,
    };
  }));
  return { attempt: at, artifacts, datastore: { readable: where.readable, reason: where.readable ? null : where.reason } };
}

export async function artifactPreview(db: Db, run: RunSummary, step: string, task: string, name: string, attempt?: number) {
  const f = await found(db, run, step, task);
  const a = await db.artifact.findFirst({
    where: { taskId: f.task.id, name, ...(attempt === undefined ? {} : { attemptId: attempt }) },
    orderBy: [{ attemptId: "desc" }, { id: "desc" }],
  });
  if (!a) {
    throw notFound(`Task ${formatPathspec({ flow: run.flow, run: run.key, step, task })} has no artifact ${name}${attempt === undefined ? "" : ` in attempt ${attempt}`}.`);
  }
  const preview: PicklePreview = await previewArtifact(await taskDatastore(db, f.task.id), { flow: run.flow, sha: a.sha, location: a.location, dsType: a.dsType });
  return { name: a.name, attempt: a.attemptId, sha: a.sha, location: a.location, type: a.type, preview };
}

export type CardView = { id: string; type: string; cardId: string | null; hash: string };

export async function taskCards(db: Db, run: RunSummary, step: string, task: string): Promise<{ cards: CardView[]; entries: CardEntry[]; where: Readability }> {
  const f = await found(db, run, step, task);
  const where = await taskDatastore(db, f.task.id);
  const entries = await listCards(where, run.flow, run.key, step, taskKey(f.task));
  return { cards: entries.map(({ id, type, cardId, hash }) => ({ id, type, cardId, hash })), entries, where };
}
