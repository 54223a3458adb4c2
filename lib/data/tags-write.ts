import "server-only";
// User tag edits of one run or many, from every path (dashboard, HTTP API,
// metadata API, CLI): removals then additions, each run atomically, each
// change recorded in the audit history in the same transaction.
//
// Runs are edited in batches, each one transaction of a fixed number of
// statements whatever its size. It starts by locking the runs (lockRuns), then
// reads their tags, so concurrent edits of a run queue up and never lose one
// another's changes. A run the rules refuse is left out of its batch's writes:
// it is changed entirely or not at all.
import type { Db, Tx } from "../db";
import { nowMs } from "../clock";
import { badRequest, isUserError, notFound, type UserError } from "../errors";
import { planTagMutation, validateTags } from "../domain/tags";
import { formatPathspec, parsePathspec } from "../domain/pathspec";
import { describeRunRefusal, filterParams, MAX_BULK_RUNS, type Actor, type BulkOutcome, type BulkTagEdit, type TagChange } from "../domain/tag-edit";
import { parseRunFilters } from "../domain/run-filters";
import { publishChange, type ChangeEvent } from "../live/publish";
import { recordAuditEvents, type AuditEventInput } from "./audit-write";
import { runCondition, runKey } from "./resolve";
import { matchingRunIds, runIdsByPathspec } from "./tag-edit-targets";
import { bumpTagStats, ownerOf, type TagStatDelta } from "./run-tags-write";
import { join, Prisma, retrying, sql } from "./sql";
import { runTagsColumn, splitTags } from "./run-record";
import { dialectOf, insertJsonRows, lockRuns, queryJsonRows, type Dialect, type JsonColumn } from "./dialect";

export type RunTagState = { userTags: string[]; systemTags: string[] };
export type RunEditOutcome = { dbId: number; pathspec: string } & (
  | ({ status: "changed" | "unchanged"; added: string[]; removed: string[] } & RunTagState)
  | { status: "failed"; error: UserError }
);

/** Runs per transaction: bounds the statement sizes and how long one holds the locks. */
export const EDIT_BATCH_SIZE = 500;
/** Up to this many changed runs are announced one by one; more as one event per batch. */
const ANNOUNCED_ONE_BY_ONE = 20;

/** Edits the runs with these database ids; unknown ids are left out of the outcomes. */
export async function editRunsTags(db: Db, runIds: number[], change: TagChange, actor: Actor, now = nowMs()): Promise<RunEditOutcome[]> {
  const ids = [...new Set(runIds)].sort((a, b) => a - b);
  const outcomes: RunEditOutcome[] = [];
  for (let i = 0; i < ids.length; i += EDIT_BATCH_SIZE) {
    outcomes.push(...(await editWhere(db, sql`r.id IN (${join(ids.slice(i, i + EDIT_BATCH_SIZE))})`, change, actor, now)));
  }
  return outcomes;
}

/** One run named by its flow and id, as Metaflow's client and the HTTP API name it. Throws what the rules refuse. */
export async function mutateRunTags(db: Db, flow: string, run: string, toAdd: string[], toRemove: string[], actor: Actor) {
  // The run is found by the statement that locks it: one round trip fewer on the hottest edit.
  const where = runCondition(flow, run);
  const [outcome] = where ? await editWhere(db, where, { add: toAdd, remove: toRemove }, actor, nowMs()) : [];
  if (!outcome) throw notFound(`Run ${flow}/${run} does not exist.`);
  if (outcome.status === "failed") throw outcome.error;
  return { userTags: outcome.userTags, systemTags: outcome.systemTags };
}

/** One batch: the runs matching `where` (a condition on runs r), in one transaction. */
async function editWhere(db: Db, where: Prisma.Sql, change: TagChange, actor: Actor, now: number): Promise<RunEditOutcome[]> {
  validateTags(change.add);
  validateTags(change.remove);
  const dialect = dialectOf(db);
  const done = await retrying(() => db.$transaction((tx) => editBatch(tx, dialect, where, change, actor, now)));
  announce(db, done.changes);
  return done.outcomes;
}

const RUN_TAG_COLUMNS: JsonColumn[] = [
  { name: "run_id", type: "int" }, { name: "tag", type: "text" }, { name: "system", type: "bool" },
  { name: "created_ts", type: "float" }, { name: "flow_id", type: "int" }, { name: "owner", type: "text" },
];

type LockedRun = { id: number; flowId: number; flow: string; runNumber: number; pathspec: string; createdTs: number };
type BatchResult = { outcomes: RunEditOutcome[]; changes: ChangeEvent[] };

async function editBatch(tx: Tx, dialect: Dialect, where: Prisma.Sql, change: TagChange, actor: Actor, now: number): Promise<BatchResult> {
  type Locked = [id: number, flowId: number, flow: string, runNumber: number, runId: string | null, createdTs: number, tags: string | [string, unknown][] | null];
  await lockRuns(tx, dialect, where);
  const locked = await queryJsonRows<Locked>(tx, dialect, sql`
    SELECT r.id, r.flow_id, r.flow_name, r.run_number, r.run_id, r.created_ts, ${runTagsColumn()}
    FROM runs r WHERE ${where}`, ["id", "flow_id", "flow_name", "run_number", "run_id", "created_ts", "tags"]);
  const tagsOf = new Map<number, RunTagState>();
  const runs: LockedRun[] = locked.map(([id, flowId, flow, runNumber, runId, createdTs, tags]) => {
    const { tags: userTags, systemTags } = splitTags(tags);
    tagsOf.set(id, { userTags, systemTags });
    return { id, flowId, flow, runNumber, createdTs, pathspec: formatPathspec({ flow, run: runKey({ runId, runNumber }) }) };
  }).sort((a, b) => a.id - b.id);

  const outcomes: RunEditOutcome[] = [];
  const removeFrom: number[] = [];
  const added: { runId: number; tag: string; createdTs: number; flowId: number; owner: string | null }[] = [];
  const owners = new Map<string | null, number[]>();
  const deltas: TagStatDelta[] = [];
  const audit: AuditEventInput[] = [];
  const changes: ChangeEvent[] = [];
  for (const run of runs) {
    const current = tagsOf.get(run.id)!;
    let plan;
    try {
      plan = planTagMutation(current, change.add, change.remove);
    } catch (e) {
      if (!isUserError(e)) throw e;
      outcomes.push({ dbId: run.id, pathspec: run.pathspec, status: "failed", error: e });
      continue;
    }
    const base = { dbId: run.id, pathspec: run.pathspec, added: plan.added, removed: plan.removed, userTags: plan.userTags, systemTags: current.systemTags };
    outcomes.push({ ...base, status: plan.changed ? "changed" : "unchanged" });
    if (!plan.changed) continue;
    const owner = ownerOf([...current.systemTags, ...plan.userTags]);
    if (owner !== ownerOf([...current.systemTags, ...current.userTags])) owners.set(owner, [...(owners.get(owner) ?? []), run.id]);
    if (plan.removed.length) removeFrom.push(run.id);
    for (const tag of plan.added) added.push({ runId: run.id, tag, createdTs: run.createdTs, flowId: run.flowId, owner });
    for (const tag of plan.added) deltas.push({ tag, system: false, delta: 1, ts: run.createdTs });
    for (const tag of plan.removed) deltas.push({ tag, system: false, delta: -1, ts: 0 });
    changes.push({ kind: "tags_changed", flow: run.flow, runNumber: run.runNumber, runDbId: run.id });
    audit.push({
      ts: now, actor: actor.user, source: actor.source, kind: "tags_changed", subject: run.pathspec, runId: run.id,
      added: plan.added, removed: plan.removed,
    });
  }

  if (removeFrom.length) {
    // What a plan removes is the same for every run: the tags to remove that are not added back.
    const readded = new Set(change.add);
    const removed = [...new Set(change.remove)].filter((t) => !readded.has(t));
    await tx.$executeRaw(sql`DELETE FROM run_tags WHERE system = ${false} AND run_id IN (${join(removeFrom)}) AND tag IN (${join(removed)})`);
  }
  await insertJsonRows(tx, dialect, "run_tags", RUN_TAG_COLUMNS, added.map((a) => [a.runId, a.tag, false, a.createdTs, a.flowId, a.owner]));
  for (const [owner, runIds] of owners) await tx.$executeRaw(sql`UPDATE run_tags SET owner = ${owner} WHERE run_id IN (${join(runIds)})`);
  await bumpTagStats(tx, deltas);
  await recordAuditEvents(tx, dialect, audit);
  return { outcomes, changes };
}

function announce(db: Db, changes: ChangeEvent[]) {
  if (changes.length <= ANNOUNCED_ONE_BY_ONE) for (const c of changes) publishChange(db, c);
  else publishChange(db, { kind: "tags_changed_many", runDbIds: changes.map((c) => c.runDbId) });
}

/**
 * A bulk edit: the runs named, or every run matching the filter (within
 * MAX_BULK_RUNS), each changed atomically or not at all. `defaultNamespace`
 * applies to a filter that names none, as in the runs list.
 */
export async function bulkEditTags(db: Db, edit: BulkTagEdit, actor: Actor, defaultNamespace: string): Promise<BulkOutcome> {
  const change = { add: edit.add, remove: edit.remove };
  const failed: BulkOutcome["failed"] = [];
  let ids: number[];
  if (edit.filter) {
    const filters = parseRunFilters(filterParams(edit.filter), defaultNamespace);
    ids = await matchingRunIds(db, filters, MAX_BULK_RUNS + 1);
    if (ids.length > MAX_BULK_RUNS) {
      throw badRequest(`More than ${MAX_BULK_RUNS.toLocaleString("en-US")} runs match this filter: narrow it down and edit them in parts.`);
    }
  } else {
    const named = [...new Set((edit.runs ?? []).map((p) => formatPathspec(parsePathspec(p))))];
    const found = await runIdsByPathspec(db, named);
    ids = [];
    for (const p of named) {
      const id = found.get(p);
      if (id === undefined) failed.push({ run: p, error: `${p} does not exist` });
      else ids.push(id);
    }
  }
  const outcomes = await editRunsTags(db, ids, change, actor);
  let changed = 0;
  let unchanged = 0;
  for (const o of outcomes) {
    if (o.status === "failed") failed.push({ run: o.pathspec, error: describeRunRefusal(o.pathspec, { message: o.error.message, tooMany: o.error.details?.tooMany as never }) });
    else if (o.status === "changed") changed++;
    else unchanged++;
  }
  return { changed, unchanged, failed };
}
