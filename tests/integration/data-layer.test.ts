// The data layer behaves the same on SQLite and PostgreSQL: one suite, run on both.
import { expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { createFlow, createRun, createStep, createTask } from "@/lib/data/ingest";
import { addMetadata, heartbeatRun } from "@/lib/data/task-data-write";
import { mutateRunTags } from "@/lib/data/tags-write";
import { getRun, listRuns } from "@/lib/data/runs-read";
import { deployFlow } from "@/lib/data/production-write";
import { parseRunFilters } from "@/lib/domain/run-filters";
import { atTime } from "@/lib/clock";
import { loadDemo } from "@/lib/demo/load";
import type { UserError } from "@/lib/errors";

const SYS = (user: string) => [`user:${user}`, "runtime:dev", "python_version:3.11.7", "metaflow_version:2.15.7"];
const list = (db: Parameters<typeof listRuns>[0], q: string) => listRuns(db, parseRunFilters(new URLSearchParams(q), "global"));
async function failure(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    return e as UserError;
  }
  throw new Error("expected the call to fail");
}

forEachDatabase("recording runs", (t) => {
  it("numbers runs per flow and refuses duplicates and numeric string ids", async () => {
    await createFlow(t.db, "HelloFlow", { userName: "anne" });
    expect((await failure(createFlow(t.db, "HelloFlow", { userName: "anne" }))).status).toBe(409);
    await createFlow(t.db, "OtherFlow", { userName: "anne" });
    const a = await createRun(t.db, "HelloFlow", { userName: "anne", systemTags: SYS("anne"), tags: ["crazy_test"] });
    const b = await createRun(t.db, "HelloFlow", { userName: "will", systemTags: SYS("will") });
    const c = await createRun(t.db, "OtherFlow", { userName: "anne", systemTags: SYS("anne") });
    expect([a.runNumber, b.runNumber, c.runNumber]).toEqual([1, 2, 1]);
    const named = await createRun(t.db, "HelloFlow", { userName: "anne", systemTags: SYS("anne"), runId: "argo-hello-1" });
    expect(named.runId).toBe("argo-hello-1");
    expect((await failure(createRun(t.db, "HelloFlow", { userName: "anne", runId: "argo-hello-1" }))).status).toBe(409);
    expect((await failure(createRun(t.db, "HelloFlow", { userName: "anne", runId: "123" }))).message).toBe("provided run_id may not be a numeric");
    expect((await failure(createRun(t.db, "NoSuchFlow", { userName: "anne" }))).status).toBe(404);
    expect((await getRun(t.db, "HelloFlow", "argo-hello-1"))?.pathspec).toBe("HelloFlow/argo-hello-1");
  });

  it("gives concurrent runs of one flow distinct numbers", async () => {
    await createFlow(t.db, "BusyFlow", { userName: "anne" });
    const runs = await Promise.all(Array.from({ length: 20 }, () => createRun(t.db, "BusyFlow", { userName: "anne", systemTags: SYS("anne") })));
    expect(new Set(runs.map((r) => r.runNumber)).size).toBe(20);
    expect((await list(t.db, "flow=BusyFlow&limit=100")).runs).toHaveLength(20);
  });

  it("keeps system and user tags apart and counts them", async () => {
    const run = await getRun(t.db, "HelloFlow", "1");
    expect(run?.tags).toEqual(["crazy_test"]);
    expect(run?.systemTags).toEqual([...SYS("anne")].sort());
    const stat = await t.db.tagStat.findUnique({ where: { tag: "user:anne" } });
    expect(stat?.system).toBe(true);
    expect(stat?.runCount).toBeGreaterThanOrEqual(3);
  });

  it("derives status from the end step and the heartbeat", async () => {
    await createStep(t.db, "HelloFlow", "1", "end", { userName: "anne" });
    const { task } = await createTask(t.db, "HelloFlow", "1", "end", { userName: "anne" });
    expect((await getRun(t.db, "HelloFlow", "1"))?.status).toBe("running");
    const meta = (fieldName: string, value: string) => ({ fieldName, value, type: fieldName, userName: "anne" });
    await addMetadata(t.db, "HelloFlow", "1", "end", String(task.id), [meta("attempt", "0"), meta("attempt_ok", "False")]);
    expect((await getRun(t.db, "HelloFlow", "1"))?.status).toBe("failed");
    await addMetadata(t.db, "HelloFlow", "1", "end", String(task.id), [meta("attempt", "1")]);
    expect((await getRun(t.db, "HelloFlow", "1"))?.status).toBe("running");
    await addMetadata(t.db, "HelloFlow", "1", "end", String(task.id), [meta("attempt_ok", "True")]);
    const done = await getRun(t.db, "HelloFlow", "1");
    expect(done?.status).toBe("completed");
    expect(done?.finishedTs).not.toBeNull();
    const e = await failure(addMetadata(t.db, "HelloFlow", "1", "end", "999999", [meta("x", "y")]));
    expect(e.message).toBe("need to register run_id and task_id first");
  });

  it("a run without heartbeats for 6 minutes has failed", async () => {
    await atTime(Date.now() - 10 * 60_000, async () => {
      await createRun(t.db, "OtherFlow", { userName: "will", systemTags: SYS("will") });
      await heartbeatRun(t.db, "OtherFlow", "2");
    });
    expect((await getRun(t.db, "OtherFlow", "2"))?.status).toBe("failed");
    await heartbeatRun(t.db, "OtherFlow", "2");
    expect((await getRun(t.db, "OtherFlow", "2"))?.status).toBe("running");
  });
});

forEachDatabase("tags", (t) => {
  it("removes before adding, refuses system tags, keeps creation time and order", async () => {
    await createFlow(t.db, "TagFlow", { userName: "anne" });
    const first = await createRun(t.db, "TagFlow", { userName: "anne", systemTags: SYS("anne"), tags: ["a", "b"] });
    await createRun(t.db, "TagFlow", { userName: "anne", systemTags: SYS("anne") });
    const before = await list(t.db, "namespace=user:anne");
    const res = await mutateRunTags(t.db, "TagFlow", "1", ["a", "c"], ["a", "b"], { user: "tester", source: "api" });
    expect(res.userTags).toEqual(["a", "c"]);
    const e = await failure(mutateRunTags(t.db, "TagFlow", "1", ["d"], ["user:anne"], { user: "tester", source: "api" }));
    expect(e.status).toBe(422);
    expect((await getRun(t.db, "TagFlow", "1"))?.tags).toEqual(["a", "c"]);
    const after = await list(t.db, "namespace=user:anne");
    expect(after.runs.map((r) => r.pathspec)).toEqual(before.runs.map((r) => r.pathspec));
    expect((await getRun(t.db, "TagFlow", "1"))?.createdTs).toBe(first.createdTs);
    expect((await t.db.tagStat.findUnique({ where: { tag: "b" } }))?.runCount).toBe(0);
  });

  it("concurrent edits never lose one another's changes", async () => {
    const tags = Array.from({ length: 12 }, (_, i) => `parallel-${i}`);
    await Promise.all(tags.map((tag) => mutateRunTags(t.db, "TagFlow", "2", [tag], [], { user: "tester", source: "api" })));
    expect((await getRun(t.db, "TagFlow", "2"))?.tags).toEqual([...tags].sort());
    expect((await list(t.db, "tag=parallel-3&tag=parallel-7")).runs.map((r) => r.pathspec)).toEqual(["TagFlow/2"]);
  });
});

forEachDatabase("production deployments", (t) => {
  const anne = { user: "anne", source: "ui" } as const;
  const will = { user: "will", source: "cli" } as const;
  it("first deploy makes a token, others need it, rotation starts a new namespace, all audited", async () => {
    const first = await deployFlow(t.db, { flow: "PredictionFlow", actor: anne });
    expect(first.firstDeployment).toBe(true);
    expect(first.namespace).toBe(`production:${first.token}`);
    const again = await deployFlow(t.db, { flow: "PredictionFlow", actor: anne });
    expect(again.token).toBe(first.token);
    const refused = await failure(deployFlow(t.db, { flow: "PredictionFlow", actor: will }));
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/last deployed by anne/);
    expect(refused.message).toMatch(/flowdeck deploy PredictionFlow --authorize TOKEN/);
    expect((await failure(deployFlow(t.db, { flow: "PredictionFlow", actor: will, authorizeToken: "nope" }))).status).toBe(403);
    const authorized = await deployFlow(t.db, { flow: "PredictionFlow", actor: will, authorizeToken: first.token });
    expect(authorized.authorizedNow).toBe(true);
    expect((await deployFlow(t.db, { flow: "PredictionFlow", actor: will })).token).toBe(first.token);
    const rotated = await deployFlow(t.db, { flow: "PredictionFlow", actor: will, generateNewToken: true });
    expect(rotated.token).not.toBe(first.token);
    expect(rotated.previousNamespace).toBe(first.namespace);
    const kinds = (await t.db.auditEvent.findMany({ where: { subject: "PredictionFlow" }, orderBy: { id: "asc" } })).map(
      (e) => `${e.kind}:${e.actor}:${e.source}`,
    );
    expect(kinds).toEqual([
      "deploy:anne:ui",
      "deploy:anne:ui",
      "refuse:will:cli",
      "refuse:will:cli",
      "authorize:will:cli",
      "deploy:will:cli",
      "deploy:will:cli",
      "rotate:will:cli",
    ]);
    const tokens = await t.db.deploymentToken.findMany({ orderBy: { id: "asc" } });
    expect(tokens.map((x) => [x.token, x.replacedTs === null])).toEqual([
      [first.token, false],
      [rotated.token, true],
    ]);
  });
});

forEachDatabase("demo story", (t) => {
  it("loads the seed's story and refuses a database with data", async () => {
    await loadDemo(t.db);
    expect((await list(t.db, "namespace=user:anne&flow=PredictionFlow&limit=1")).runs[0].pathspec).toBe("PredictionFlow/8");
    expect((await list(t.db, "namespace=user:will&flow=PredictionFlow&limit=1")).runs[0].pathspec).toBe("PredictionFlow/5");
    expect((await list(t.db, "namespace=xyz_features&limit=1")).runs[0].pathspec).toBe("FeatureFlow/34");
    expect((await list(t.db, "tag=crazy_test&tag=date:2020-06-01")).runs.map((r) => r.pathspec)).toEqual(["HelloFlow/4", "HelloFlow/2"]);
    const prod = (await list(t.db, "namespace=global&flow=PredictionFlow&limit=20")).runs.filter((r) => r.systemTags.some((s) => s.startsWith("production:")));
    expect(prod.map((r) => r.runNumber).sort()).toEqual([4, 6, 9]);
    expect(prod.every((r) => !r.systemTags.some((s) => s.startsWith("user:")))).toBe(true);
    expect((await getRun(t.db, "HelloFlow", "6"))?.originRunId).toBe("5");
    const statuses = new Set((await list(t.db, "namespace=global&limit=100")).runs.map((r) => r.status));
    expect(statuses).toEqual(new Set(["completed", "failed", "running"]));
    expect((await failure(loadDemo(t.db))).message).toMatch(/only loaded into an empty database/);
  });
});
