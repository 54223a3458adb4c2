import "server-only";
// Writes that record runs: flows, runs, steps and tasks. The metadata API and
// the demo loader both go through these, so the rules live in one place.
// Every write runs in a transaction, even a single statement: on SQLite all
// requests share one connection, and a statement issued outside a transaction
// while another request's transaction is open would join it (and be lost if
// that one rolls back). Transactions queue on the adapter's lock instead.
import type { Db } from "../db";
import { UserError, notFound, badRequest } from "../errors";
import { isNumericId } from "../domain/pathspec";
import { MAX_USER_TAGS, validateTags } from "../domain/tags";
import { findFlow, findRun, findStep } from "./resolve";
import { insertRunTags, tagRows } from "./run-tags-write";
import { isUniqueViolation } from "./sql";
import { publishChange } from "../live/publish";
import { nowMs } from "../clock";

export type ObjectInput = { userName: string; tags?: string[]; systemTags?: string[] };

function checkTags(input: ObjectInput) {
  const tags = validateTags(input.tags ?? []);
  const systemTags = validateTags(input.systemTags ?? []);
  if (new Set(tags).size > MAX_USER_TAGS) throw badRequest(`Cannot increase size of tag set beyond ${MAX_USER_TAGS}`);
  return { tags: [...new Set(tags)], systemTags: [...new Set(systemTags)] };
}

export async function createFlow(db: Db, name: string, input: ObjectInput) {
  const { tags, systemTags } = checkTags(input);
  try {
    return await db.$transaction((tx) =>
      tx.flow.create({
        data: { name, userName: input.userName, createdTs: nowMs(), tags: JSON.stringify(tags), systemTags: JSON.stringify(systemTags) },
      }),
    );
  } catch (e) {
    if (isUniqueViolation(e)) throw new UserError("conflict", `Flow ${name} already exists.`);
    throw e;
  }
}

/** Metaflow ≥ 2.2.12 heartbeats its runs; the run starts alive. */
export function heartbeatsFromStart(systemTags: string[]): boolean {
  const v = systemTags.find((t) => t.startsWith("metaflow_version:"))?.slice("metaflow_version:".length);
  if (!v) return false;
  const [a, b, c] = v.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  return a > 2 || (a === 2 && (b > 2 || (b === 2 && c >= 12)));
}

export type RunInput = ObjectInput & { tsEpoch?: number; runId?: string; runNumber?: number };

export async function createRun(db: Db, flowName: string, input: RunInput) {
  const { tags, systemTags } = checkTags(input);
  if (input.runId !== undefined && isNumericId(input.runId)) throw badRequest("provided run_id may not be a numeric");
  const flow = await findFlow(db, flowName);
  if (!flow) throw notFound(`Flow ${flowName} does not exist.`);
  const createdTs = input.tsEpoch ?? nowMs();
  const heartbeat = heartbeatsFromStart(systemTags) ? Math.floor(nowMs() / 1000) : null;
  try {
    const run = await db.$transaction(async (tx) => {
      let runNumber = input.runNumber;
      if (runNumber === undefined) {
        const f = await tx.flow.update({ where: { id: flow.id }, data: { lastRunNumber: { increment: 1 } } });
        runNumber = f.lastRunNumber;
      } else {
        await tx.flow.updateMany({ where: { id: flow.id, lastRunNumber: { lt: runNumber } }, data: { lastRunNumber: runNumber } });
      }
      const created = await tx.run.create({
        data: {
          flowId: flow.id, flowName, runNumber, runId: input.runId ?? null, userName: input.userName,
          createdTs, lastHeartbeatTs: heartbeat,
        },
      });
      await insertRunTags(tx, created, tagRows(tags, systemTags));
      return created;
    });
    publishChange(db, { kind: "run_created", flow: flowName, runNumber: run.runNumber, runDbId: run.id, tags: [...tags, ...systemTags] });
    return { ...run, tags, systemTags };
  } catch (e) {
    if (isUniqueViolation(e)) throw new UserError("conflict", `Run ${flowName}/${input.runId ?? input.runNumber} already exists.`);
    throw e;
  }
}

export async function createStep(db: Db, flowName: string, run: string, stepName: string, input: ObjectInput) {
  const r = await findRun(db, flowName, run);
  if (!r) throw notFound(`Run ${flowName}/${run} does not exist.`);
  try {
    const step = await db.$transaction((tx) =>
      tx.step.create({ data: { runId: r.id, name: stepName, userName: input.userName, createdTs: nowMs() } }),
    );
    return { run: r, step };
  } catch (e) {
    if (isUniqueViolation(e)) throw new UserError("conflict", `Step ${flowName}/${run}/${stepName} already exists.`);
    throw e;
  }
}

export async function createTask(
  db: Db, flowName: string, run: string, stepName: string, input: ObjectInput & { taskName?: string },
) {
  if (input.taskName !== undefined && isNumericId(input.taskName)) throw badRequest("provided task_name may not be a numeric");
  const found = await findStep(db, flowName, run, stepName);
  if (!found) throw notFound(`Step ${flowName}/${run}/${stepName} does not exist.`);
  const now = nowMs();
  const nowS = Math.floor(now / 1000);
  try {
    const task = await db.$transaction(async (tx) => {
      const t = await tx.task.create({
        data: {
          stepId: found.step.id, runId: found.run.id, taskName: input.taskName ?? null, userName: input.userName,
          createdTs: now, lastHeartbeatTs: nowS,
        },
      });
      await tx.run.update({ where: { id: found.run.id }, data: { lastHeartbeatTs: nowS } });
      return t;
    });
    publishChange(db, { kind: "task_created", flow: flowName, runNumber: found.run.runNumber, runDbId: found.run.id });
    return { ...found, task };
  } catch (e) {
    if (isUniqueViolation(e)) throw new UserError("conflict", `Task ${flowName}/${run}/${stepName}/${input.taskName} already exists.`);
    throw e;
  }
}
