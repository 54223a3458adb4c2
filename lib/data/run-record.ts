import "server-only";
// The one read model of a run: its row and its tags, user and system apart.
// Every read of runs selects RUN_COLUMNS and the tags JSON and maps the row
// with toRunRecord; the dashboard's RunSummary adds what is derived from it.
import type { EndStatus } from "../domain/status";
import { isTrue, Prisma, toNumber, toNullableNumber } from "./sql";

export type RunRecord = {
  dbId: number;
  flowId: number;
  flow: string;
  runNumber: number;
  runId: string | null;
  /** The id the run is known by: its string run id, else its number. */
  key: string;
  userName: string;
  createdTs: number;
  lastHeartbeatTs: number | null;
  finishedTs: number | null;
  endStatus: EndStatus;
  originRunId: string | null;
  tags: string[];
  systemTags: string[];
};

const COLUMNS = ["id", "flow_id", "flow_name", "run_number", "run_id", "user_name", "created_ts", "last_heartbeat_ts",
  "finished_ts", "end_status", "origin_run_id"];

/** The columns of the one read model, of runs named `alias` (SQLite's RETURNING takes only the table's name). */
export const runColumns = (alias = "r") => Prisma.raw(COLUMNS.map((c) => `${alias}.${c}`).join(", "));
export const RUN_COLUMNS = runColumns("r");

/**
 * The tags of runs named `alias`: [tag, system] pairs as JSON, from
 * run_tag_sets (kept by triggers on run_tags), one primary-key lookup per run;
 * null when the run has none.
 */
export const runTagsColumn = (alias = "r") =>
  Prisma.raw(`(SELECT ts.tags_json FROM run_tag_sets ts WHERE ts.run_id = ${alias}.id) AS tags`);

/** [tag, system] pairs (as runTagsColumn gives them, as JSON text or parsed) split into sorted user and system tags. */
export function splitTags(pairs: string | [string, unknown][] | null): { tags: string[]; systemTags: string[] } {
  const tags: string[] = [];
  const systemTags: string[] = [];
  const parsed = (typeof pairs === "string" ? JSON.parse(pairs) : (pairs ?? [])) as [string, unknown][];
  for (const [tag, system] of parsed) (isTrue(system) ? systemTags : tags).push(tag);
  return { tags: tags.sort(), systemTags: systemTags.sort() };
}

export function runKey(run: { runId: string | null; runNumber: number }): string {
  return run.runId ?? String(run.runNumber);
}

type RunValues = [
  id: unknown, flowId: unknown, flow: unknown, runNumber: unknown, runId: unknown, userName: unknown, createdTs: unknown,
  lastHeartbeatTs: unknown, finishedTs: unknown, endStatus: unknown, originRunId: unknown, tags: unknown,
];

/** The values of COLUMNS and the tags JSON, in that order. */
function runRecordOf(...[id, flowId, flow, runNumber, runId, userName, createdTs, lastHeartbeatTs, finishedTs, endStatus, originRunId, tags]: RunValues): RunRecord {
  const number = toNumber(runNumber);
  const key = (runId as string | null) ?? null;
  return {
    dbId: toNumber(id), flowId: toNumber(flowId), flow: flow as string, runNumber: number, runId: key,
    key: runKey({ runId: key, runNumber: number }), userName: userName as string, createdTs: toNumber(createdTs),
    lastHeartbeatTs: toNullableNumber(lastHeartbeatTs), finishedTs: toNullableNumber(finishedTs),
    endStatus: (endStatus as EndStatus) ?? null, originRunId: (originRunId as string | null) ?? null,
    ...splitTags(tags as string | null),
  };
}

/** A row of RUN_COLUMNS + tags read as an array (queryArrays): its values in that order. */
export const toRunRecordOfArray = (a: unknown[]): RunRecord => runRecordOf(...(a as RunValues));

/** A row of RUN_COLUMNS + tags, as either driver or Prisma's raw query returns it. */
export function toRunRecord(r: Record<string, unknown>): RunRecord {
  return runRecordOf(r.id, r.flow_id, r.flow_name, r.run_number, r.run_id, r.user_name, r.created_ts, r.last_heartbeat_ts,
    r.finished_ts, r.end_status, r.origin_run_id, r.tags);
}
