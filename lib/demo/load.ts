import "server-only";
// Loads the demo story into an empty database through the data layer.
import type { Db } from "../db";
import { UserError } from "../errors";
import { atTime, nowMs } from "../clock";
import { createFlow } from "../data/ingest";
import { deployFlow } from "../data/production-write";
import { recordRun } from "./record-run";
import { DemoDatastore } from "./datastore-writer";
import { demoDatastoreRoot } from "../config/datastore";
import { demoRuns, demoTagEdits } from "./story";
import { mutateRunTags } from "../data/tags-write";

export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.flow.count()) === 0 && (await db.run.count()) === 0;
}

/** `datastore`: where to write the runs' local datastore (null: record metadata only). */
export async function loadDemo(db: Db, datastore: string | null = demoDatastoreRoot()): Promise<{ runs: number }> {
  if (!(await isEmpty(db))) {
    throw new UserError("conflict", "The database already holds data; the demo is only loaded into an empty database.");
  }
  const now = nowMs();
  const flowsAt = now - 10 * 24 * 3_600_000;
  for (const [name, user] of [
    ["HelloFlow", "anne"],
    ["FeatureFlow", "will"],
    ["PredictionFlow", "anne"],
  ]) {
    await atTime(flowsAt, () => createFlow(db, name, { userName: user, systemTags: [`user:${user}`] }));
  }
  const { token } = await atTime(now - 3 * 24 * 3_600_000 - 2 * 3_600_000, () =>
    deployFlow(db, { flow: "PredictionFlow", actor: { user: "anne", source: "cli" } }),
  );
  const runs = demoRuns(now, token);
  const store = datastore ? new DemoDatastore(datastore) : null;
  for (const spec of runs) await recordRun(db, spec, store);
  for (const e of demoTagEdits(now)) {
    await atTime(e.at, () => mutateRunTags(db, e.flow, e.run, e.add, e.remove, { user: e.user, source: e.source }));
  }
  return { runs: runs.length };
}
