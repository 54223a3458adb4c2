import "server-only";
// Writes that record runs: flows, runs, steps and tasks. The metadata API and
// the demo loader both go through these, so the rules live in one place; the
// statements are the database's own (record-writer.ts).
import type { Db } from "../db";
import { UserError, notFound, badRequest } from "../errors";
import { isIdentifier, isNumericId } from "../domain/pathspec";
import { MAX_USER_TAGS, validateTags } from "../domain/tags";
import { ownerOf, tagRows } from "./run-tags-write";
import { recordWriter } from "./record-writer";
import { isUniqueViolation } from "./sql";
import { nowMs } from "../clock";

export type ObjectInput = { userName: string; tags?: string[]; systemTags?: string[] };

function checkTags(input: ObjectInput) {
  const tags = validateTags(input.tags ?? []);
  const systemTags = validateTags(input.systemTags ?? []);
  if (new Set(tags).size > MAX_USER_TAGS) throw badRequest(`Cannot increase size of tag set beyond ${MAX_USER_TAGS}`);
  return { tags: [...new Set(tags)], systemTags: [...new Set(systemTags)] };
}

/** A unique violation is the client's conflict, said in its terms. */
async function conflictAs<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) throw new UserError("conflict", `${what} already exists.`);
    throw e;
  }
}

function checkName(what: "flow" | "step", name: string) {
  if (!isIdentifier(name)) {
    throw badRequest(`A ${what} name must be a Python identifier (letters, digits and _, not starting with a digit), as Metaflow's are; got '${name}'.`);
  }
}

export async function createFlow(db: Db, name: string, input: ObjectInput) {
  checkName("flow", name);
  const { tags, systemTags } = checkTags(input);
  return conflictAs(`Flow ${name}`, () =>
    recordWriter(db).insertFlow({
      name, userName: input.userName, createdTs: nowMs(), tags: JSON.stringify(tags), systemTags: JSON.stringify(systemTags),
    }),
  );
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
  const rows = tagRows(tags, systemTags);
  const run = await conflictAs(`Run ${flowName}/${input.runId ?? input.runNumber}`, () =>
    recordWriter(db).insertRun({
      flow: flowName, runNumber: input.runNumber, runId: input.runId ?? null, userName: input.userName,
      createdTs: input.tsEpoch ?? nowMs(), lastHeartbeatTs: heartbeatsFromStart(systemTags) ? Math.floor(nowMs() / 1000) : null,
      tags: rows, owner: ownerOf(rows.map((r) => r.tag)),
    }),
  );
  if (!run) throw notFound(`Flow ${flowName} does not exist.`);
  return run;
}

export async function createStep(db: Db, flowName: string, run: string, stepName: string, input: ObjectInput) {
  checkName("step", stepName);
  const written = await conflictAs(`Step ${flowName}/${run}/${stepName}`, () =>
    recordWriter(db).insertStep({ flow: flowName, run }, { name: stepName, userName: input.userName, createdTs: nowMs() }),
  );
  if (!written) throw notFound(`Run ${flowName}/${run} does not exist.`);
  return written;
}

export async function createTask(
  db: Db, flowName: string, run: string, stepName: string, input: ObjectInput & { taskName?: string },
) {
  if (input.taskName !== undefined && isNumericId(input.taskName)) throw badRequest("provided task_name may not be a numeric");
  const now = nowMs();
  const nowS = Math.floor(now / 1000);
  const written = await conflictAs(`Task ${flowName}/${run}/${stepName}/${input.taskName}`, () =>
    recordWriter(db).insertTask(
      { flow: flowName, run, step: stepName },
      { taskName: input.taskName ?? null, userName: input.userName, createdTs: now, lastHeartbeatTs: nowS },
      nowS,
    ),
  );
  if (!written) throw notFound(`Step ${flowName}/${run}/${stepName} does not exist.`);
  return written;
}
