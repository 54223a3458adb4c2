import "server-only";
// How the metadata API's writes reach the database: one implementation per
// database, each sending at most two statements for a task, its metadata, its
// artifacts and its heartbeats (PostgreSQL: one statement, names resolved in
// it; SQLite: a synchronous transaction on the one connection). The rules —
// validation, ids, statuses — stay in ingest.ts and task-data-write.ts.
import type { Db } from "../db";
import { driverOf } from "./driver";
import type { RunRecord } from "./run-record";
import type { RunTagRow } from "./run-tags-write";
import { postgresWriter } from "./record-writer-postgres";
import { sqliteWriter } from "./record-writer-sqlite";
import type { EndStatusChange } from "../domain/status";

export type RunPath = { flow: string; run: string };
export type StepPath = RunPath & { step: string };
export type TaskPath = StepPath & { task: string };

export type FlowRow = { id: number; name: string; userName: string; createdTs: number; tags: string; systemTags: string };
export type NewFlow = Omit<FlowRow, "id">;
export type NewRun = {
  flow: string; runNumber?: number; runId: string | null; userName: string; createdTs: number;
  lastHeartbeatTs: number | null; tags: RunTagRow[]; owner: string | null;
};
export type NewStep = { name: string; userName: string; createdTs: number };
export type StepRow = NewStep & { id: number };
export type NewTask = { taskName: string | null; userName: string; createdTs: number; lastHeartbeatTs: number };
export type TaskRow = NewTask & { id: number; attempt: number };

export type MetadataRow = { fieldName: string; value: string; type: string; userName: string; tags: string; systemTags: string };
/** What a batch of metadata changes besides its rows (see addMetadata). */
export type MetadataEffects = {
  task?: { attempt?: number; attemptOk?: boolean; finishedTs?: number };
  run?: { endStatus?: EndStatusChange; originRunId?: string };
};
export type ArtifactRow = {
  name: string; location: string; dsType: string; sha: string; type: string; contentType: string; attemptId: number; userName: string;
};
export type LogLineRow = { stream: string; line: string; ts: number; attempt: number | null };

/** The run a write touched, for live events. */
export type TouchedRun = { dbId: number; runNumber: number };

export interface RecordWriter {
  /** Throws a unique violation when the flow exists. */
  insertFlow(flow: NewFlow): Promise<FlowRow>;
  /** Null when the flow does not exist; a unique violation when the run id is taken. */
  insertRun(run: NewRun): Promise<RunRecord | null>;
  insertStep(path: RunPath, step: NewStep): Promise<{ run: RunRecord; step: StepRow } | null>;
  /** Also keeps the run's heartbeat fresh. */
  insertTask(path: StepPath, task: NewTask, nowS: number): Promise<{ run: RunRecord; task: TaskRow } | null>;
  insertMetadata(path: TaskPath, rows: MetadataRow[], effects: MetadataEffects, now: number): Promise<TouchedRun | null>;
  insertArtifacts(path: TaskPath, rows: ArtifactRow[], now: number): Promise<boolean>;
  /** A null attempt is the task's current attempt. */
  insertLogLines(path: TaskPath, lines: LogLineRow[]): Promise<boolean>;
  /** Heartbeats move forward at most every `every` seconds. False when the object does not exist. */
  touchRun(path: RunPath, nowS: number, every: number): Promise<boolean>;
  touchTask(path: TaskPath, nowS: number, every: number): Promise<boolean>;
}

// One writer per connection or pool, made once: a writer is a dozen closures, and the ingest path asks for one
// on every request.
const writers = new WeakMap<object, RecordWriter>();

export function recordWriter(db: Db): RecordWriter {
  const d = driverOf(db);
  const key = d.kind === "sqlite" ? d.conn : d.writes;
  let writer = writers.get(key);
  if (!writer) writers.set(key, (writer = d.kind === "sqlite" ? sqliteWriter(d.conn) : postgresWriter(d.writes)));
  return writer;
}
