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

/** [tag, system] pairs (as runTagsColumn gives them) split into sorted user and system tags. */
export function splitTags(json: string | null): { tags: string[]; systemTags: string[] } {
  const tags: string[] = [];
  const systemTags: string[] = [];
  for (const [tag, system] of JSON.parse(json ?? "[]") as [string, unknown][]) (isTrue(system) ? systemTags : tags).push(tag);
  return { tags: tags.sort(), systemTags: systemTags.sort() };
}

export function runKey(run: { runId: string | null; runNumber: number }): string {
  return run.runId ?? String(run.runNumber);
}

/** A row of RUN_COLUMNS + tags read as an array (queryArrays): its values in that order. */
export function toRunRecordOfArray(a: unknown[]): RunRecord {
  const row: Record<string, unknown> = { tags: a[COLUMNS.length] };
  COLUMNS.forEach((column, i) => (row[column] = a[i]));
  return toRunRecord(row);
}

/** A row of RUN_COLUMNS + tags, as either driver or Prisma's raw query returns it. */
export function toRunRecord(r: Record<string, unknown>): RunRecord {
  const runNumber = toNumber(r.run_number);
  const runId = (r.run_id as string | null) ?? null;
  return {
    dbId: toNumber(r.id), flowId: toNumber(r.flow_id), flow: r.flow_name as string, runNumber, runId,
    key: runKey({ runId, runNumber }), userName: r.user_name as string, createdTs: toNumber(r.created_ts),
    lastHeartbeatTs: toNullableNumber(r.last_heartbeat_ts), finishedTs: toNullableNumber(r.finished_ts),
    endStatus: (r.end_status as EndStatus) ?? null, originRunId: (r.origin_run_id as string | null) ?? null,
    ...splitTags(r.tags as string | null),
  };
}
