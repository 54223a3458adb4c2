import "server-only";
// User tag mutation: removals then additions, atomically. The transaction
// starts by bumping the run's tag version, which takes the run's row lock
// (PostgreSQL) or the write lock (SQLite) before the tags are read, so
// concurrent edits queue up and never lose one another's changes.
import type { Db } from "../db";
import { notFound } from "../errors";
import { planTagMutation } from "../domain/tags";
import { findRun } from "./resolve";
import { changeRunTags } from "./run-tags-write";
import { publishChange } from "../live/publish";

export async function mutateRunTags(db: Db, flow: string, run: string, toAdd: string[], toRemove: string[]) {
  const r = await findRun(db, flow, run);
  if (!r) throw notFound(`Run ${flow}/${run} does not exist.`);
  const result = await db.$transaction(async (tx) => {
    await tx.run.update({ where: { id: r.id }, data: { tagVersion: { increment: 1 } } });
    const rows = await tx.runTag.findMany({ where: { runId: r.id } });
    const current = {
      userTags: rows.filter((t) => !t.system).map((t) => t.tag),
      systemTags: rows.filter((t) => t.system).map((t) => t.tag).sort(),
    };
    const plan = planTagMutation(current, toAdd, toRemove);
    await changeRunTags(tx, r, plan.added, plan.removed);
    return { userTags: plan.userTags, systemTags: current.systemTags, changed: plan.changed };
  });
  if (result.changed) publishChange(db, { kind: "tags_changed", flow, runNumber: r.runNumber, runDbId: r.id });
  return { userTags: result.userTags, systemTags: result.systemTags };
}
