import "server-only";
// Reads of the Metaflow object tree as the metadata API serves it: flows,
// runs, steps and tasks. Steps and tasks carry their run (the run owns the
// tags). Metadata, artifacts and filtered tasks live in task-data-read.ts.
import type { Db } from "../db";
import { findFlow, findRun, findStep, findTask, runKey } from "./resolve";

export type RunView = {
  dbId: number;
  flowId: number;
  flow: string;
  runNumber: number;
  runId: string | null;
  key: string;
  userName: string;
  createdTs: number;
  lastHeartbeatTs: number | null;
  tags: string[];
  systemTags: string[];
};

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

type RunRow = {
  id: number; flowId: number; flowName: string; runNumber: number; runId: string | null; userName: string;
  createdTs: number; lastHeartbeatTs: number | null;
};
type TagRow = { runId: number; tag: string; system: boolean };

function toRunView(r: RunRow, tags: TagRow[]): RunView {
  return {
    dbId: r.id, flowId: r.flowId, flow: r.flowName, runNumber: r.runNumber, runId: r.runId, key: runKey(r),
    userName: r.userName, createdTs: r.createdTs, lastHeartbeatTs: r.lastHeartbeatTs,
    tags: tags.filter((t) => !t.system).map((t) => t.tag).sort(),
    systemTags: tags.filter((t) => t.system).map((t) => t.tag).sort(),
  };
}

/** Runs with their tags, in the order of `rows`. */
export async function withTags(db: Db, rows: RunRow[]): Promise<RunView[]> {
  if (!rows.length) return [];
  const tags = await db.runTag.findMany({
    where: { runId: { in: rows.map((r) => r.id) } },
    select: { runId: true, tag: true, system: true },
  });
  const byRun = new Map<number, TagRow[]>();
  for (const t of tags) byRun.set(t.runId, [...(byRun.get(t.runId) ?? []), t]);
  return rows.map((r) => toRunView(r, byRun.get(r.id) ?? []));
}

/** A run row as a view with its tags (one query). */
export async function runView(db: Db, r: RunRow): Promise<RunView> {
  return (await withTags(db, [r]))[0];
}

export async function listFlows(db: Db) {
  return db.flow.findMany({ orderBy: { id: "asc" } });
}

export async function getFlow(db: Db, name: string) {
  return findFlow(db, name);
}

/** Every run of a flow, newest first; null when the flow does not exist. */
export async function listAllRuns(db: Db, flow: string): Promise<RunView[] | null> {
  const f = await findFlow(db, flow);
  if (!f) return null;
  const rows = await db.run.findMany({ where: { flowId: f.id }, orderBy: [{ createdTs: "desc" }, { runNumber: "desc" }] });
  return withTags(db, rows);
}

export async function getRunView(db: Db, flow: string, run: string): Promise<RunView | null> {
  const r = await findRun(db, flow, run);
  return r ? runView(db, r) : null;
}

export async function listSteps(db: Db, flow: string, run: string): Promise<StepView[] | null> {
  const r = await findRun(db, flow, run);
  if (!r) return null;
  const [view, steps] = await Promise.all([
    runView(db, r),
    db.step.findMany({ where: { runId: r.id }, orderBy: { id: "asc" } }),
  ]);
  return steps.map((s) => ({ run: view, name: s.name, userName: s.userName, createdTs: s.createdTs }));
}

export async function getStepView(db: Db, flow: string, run: string, step: string): Promise<StepView | null> {
  const found = await findStep(db, flow, run, step);
  if (!found) return null;
  return stepViewOf(db, found.run, found.step);
}

type TaskRow = {
  id: number; taskName: string | null; userName: string; createdTs: number; lastHeartbeatTs: number | null; attempt: number;
};

/** Views of objects just written, from the rows the write returned. */
export async function stepViewOf(db: Db, run: RunRow, s: { name: string; userName: string; createdTs: number }): Promise<StepView> {
  return { run: await runView(db, run), name: s.name, userName: s.userName, createdTs: s.createdTs };
}

export async function taskViewOf(db: Db, run: RunRow, step: string, t: TaskRow): Promise<TaskView> {
  return toTaskView(await runView(db, run), step, t);
}

function toTaskView(run: RunView, step: string, t: TaskRow): TaskView {
  return {
    run, step, id: t.id, taskName: t.taskName, userName: t.userName, createdTs: t.createdTs,
    lastHeartbeatTs: t.lastHeartbeatTs, attempt: t.attempt,
  };
}

export async function listTasks(db: Db, flow: string, run: string, step: string): Promise<TaskView[] | null> {
  const found = await findStep(db, flow, run, step);
  if (!found) return null;
  const [view, tasks] = await Promise.all([
    runView(db, found.run),
    db.task.findMany({ where: { stepId: found.step.id }, orderBy: { id: "asc" } }),
  ]);
  return tasks.map((t) => toTaskView(view, step, t));
}

export async function getTaskView(db: Db, flow: string, run: string, step: string, task: string): Promise<TaskView | null> {
  const found = await findTask(db, flow, run, step, task);
  if (!found) return null;
  return taskViewOf(db, found.run, step, found.task);
}
