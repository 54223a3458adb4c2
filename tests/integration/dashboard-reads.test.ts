// Dashboard reads over the demo story, on SQLite and PostgreSQL: namespaces
// with counts, flows with their latest run per namespace, and the run route
// that refuses runs outside the namespace in effect.
import { beforeAll, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { forEachDatabase } from "../setup/databases";
import { loadDemo } from "@/lib/demo/load";
import { createFlow, createRun, createStep } from "@/lib/data/ingest";
import { mutateRunTags } from "@/lib/data/tags-write";
import { setNamespacePreference } from "@/lib/data/preferences";
import { GET as getNamespaces } from "@/app/api/v1/namespaces/route";
import { GET as getFlows } from "@/app/api/v1/flows/route";
import { GET as getLatestRun } from "@/app/api/v1/flows/[flow]/latest-run/route";
import { GET as getRunRoute } from "@/app/api/v1/runs/[flow]/[run]/route";

// Route handlers reach the database through getDb() and the person through
// lib/session: point them at this describe's database and at "anne".
const current = vi.hoisted(() => ({ db: undefined as unknown as Db, user: "anne" }));
vi.mock("@/lib/db", async (original) => ({ ...(await original<typeof import("@/lib/db")>()), getDb: async () => current.db }));
vi.mock("@/lib/session", () => ({
  currentUser: async () => current.user,
  currentIdentity: async () => ({ user: current.user, canSwitch: true, source: "cookie" }),
}));

const SYS = (user: string) => [`user:${user}`, "runtime:dev", "python_version:3.11.7", "metaflow_version:2.15.7"];
const url = (path: string) => new Request(`http://localhost${path}`);

type NamespaceRow = { name: string; kind: string; runCount: number; lastActivityTs: number };
async function namespaces(query = ""): Promise<NamespaceRow[]> {
  const res = await getNamespaces(url(`/api/v1/namespaces${query}`));
  expect(res.status).toBe(200);
  return (await res.json()).namespaces;
}
const countOf = (rows: NamespaceRow[], name: string) => rows.find((r) => r.name === name)?.runCount;

type FlowRow = { name: string; latestRun: { key: string; userName: string } | null; history: { key: string; status: string }[] };
async function flows(namespace: string): Promise<{ latestIsAmbiguous: boolean; namespace: string; flows: FlowRow[] }> {
  const res = await getFlows(url(`/api/v1/flows?namespace=${encodeURIComponent(namespace)}`));
  expect(res.status).toBe(200);
  return res.json();
}

async function runRoute(flow: string, run: string, query = "") {
  const res = await getRunRoute(url(`/api/v1/runs/${flow}/${run}${query}`), { params: Promise.resolve({ flow, run }) });
  return { status: res.status, body: await res.json() };
}

forEachDatabase("dashboard reads", (t) => {
  let token = "";
  beforeAll(async () => {
    current.db = t.db;
    current.user = "anne";
    await loadDemo(t.db);
    token = (await t.db.deployment.findFirstOrThrow()).token;
  });

  it("lists users, the production token and user tags as namespaces, with run counts", async () => {
    const rows = await namespaces();
    expect(countOf(rows, "user:anne")).toBe(9);
    expect(countOf(rows, "user:will")).toBe(8);
    expect(countOf(rows, `production:${token}`)).toBe(3);
    expect(countOf(rows, "xyz_features")).toBe(4);
    expect(countOf(rows, "crazy_test")).toBe(5);
    expect(countOf(rows, "date:2020-06-01")).toBe(3);
    expect(rows.find((r) => r.name === "user:anne")?.kind).toBe("user");
    expect(rows.find((r) => r.name === `production:${token}`)?.kind).toBe("production");
    expect(rows.find((r) => r.name === "xyz_features")?.kind).toBe("tag");
    // System tags other than the owner are not namespaces.
    expect(rows.some((r) => /^(runtime|python_version|metaflow_version):/.test(r.name))).toBe(false);
    // Users first, then production, then tags.
    const kinds = rows.map((r) => r.kind);
    expect(kinds).toEqual([...kinds].sort((a, b) => ["user", "production", "tag"].indexOf(a) - ["user", "production", "tag"].indexOf(b)));
    // Last activity is the newest run's start: anne's PredictionFlow/8, 3 hours ago.
    const eight = await t.db.run.findFirstOrThrow({ where: { flowName: "PredictionFlow", runNumber: 8 } });
    expect(rows.find((r) => r.name === "user:anne")?.lastActivityTs).toBe(eight.createdTs);
  });

  it("filters namespaces by prefix and refuses a bad limit", async () => {
    expect((await namespaces("?prefix=user:")).map((r) => r.name).sort()).toEqual(["user:anne", "user:will"]);
    expect((await namespaces("?prefix=us")).map((r) => r.name).sort()).toEqual(["user:anne", "user:will"]);
    expect((await namespaces("?prefix=xyz")).map((r) => r.name)).toEqual(["xyz_features"]);
    expect((await namespaces("?prefix=production:")).map((r) => r.kind)).toEqual(["production"]);
    // The limit bounds each kind: the most used user, production token and tag.
    const top = await getNamespaces(url("/api/v1/namespaces?limit=1"));
    const body = await top.json();
    expect(body.truncated).toBe(true);
    expect(body.namespaces.map((r: NamespaceRow) => [r.name, r.kind])).toEqual([
      ["user:anne", "user"],
      [`production:${token}`, "production"],
      ["crazy_test", "tag"],
    ]);
    const res = await getNamespaces(url("/api/v1/namespaces?limit=0"));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/limit/);
  });

  it("lists the flows in a namespace with their latest run there", async () => {
    const anne = await flows("user:anne");
    expect(anne.latestIsAmbiguous).toBe(false);
    const prediction = anne.flows.find((f) => f.name === "PredictionFlow")!;
    expect(prediction.latestRun?.key).toBe("8");
    expect(prediction.history.map((h) => [h.key, h.status])).toEqual([
      ["8", "completed"],
      ["7", "failed"],
      ["3", "completed"],
      ["1", "completed"],
    ]);

    const will = await flows("user:will");
    expect(will.flows.find((f) => f.name === "PredictionFlow")?.latestRun?.key).toBe("5");

    const xyz = await flows("xyz_features");
    expect(xyz.flows.map((f) => [f.name, f.latestRun?.key])).toEqual([["FeatureFlow", "34"]]);

    const production = await flows(`production:${token}`);
    expect(production.flows.map((f) => [f.name, f.latestRun?.key])).toEqual([["PredictionFlow", "9"]]);

    const global = await flows("global");
    expect(global.latestIsAmbiguous).toBe(true);
    const all = global.flows.find((f) => f.name === "PredictionFlow")!;
    expect(all.latestRun?.key).toBe("9");
    expect(all.history[0].status).toBe("running");
    expect(all.history).toHaveLength(9);
    expect(global.flows.map((f) => f.name).sort()).toEqual(["FeatureFlow", "HelloFlow", "PredictionFlow"]);
  });

  it("answers the latest run of one flow per namespace", async () => {
    const latest = async (flow: string, query: string) => {
      const res = await getLatestRun(url(`/api/v1/flows/${flow}/latest-run${query}`), { params: Promise.resolve({ flow }) });
      return { status: res.status, body: await res.json() };
    };
    expect((await latest("PredictionFlow", "?namespace=user:anne")).body.run.pathspec).toBe("PredictionFlow/8");
    expect((await latest("PredictionFlow", "?namespace=user:will")).body.run.pathspec).toBe("PredictionFlow/5");
    expect((await latest("PredictionFlow", "")).body.run.pathspec).toBe("PredictionFlow/8"); // anne's own by default
    expect((await latest("FeatureFlow", "?namespace=crazy_test")).body.run).toBeNull();
    expect((await latest("NoSuchFlow", "")).status).toBe(404);
    expect((await latest("not a flow", "")).status).toBe(400);
  });

  it("refuses a run outside the namespace in effect and names the namespaces it is in", async () => {
    const { status, body } = await runRoute("PredictionFlow", "5");
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_in_namespace");
    expect(body.error.message).toBe("PredictionFlow/5 is not in namespace user:anne");
    expect(body.error.namespaces).toEqual(["user:will", "experiment:lr-sweep"]);

    const inWill = await runRoute("PredictionFlow", "5", "?namespace=user:will");
    expect(inWill.status).toBe(200);
    expect(inWill.body.run.pathspec).toBe("PredictionFlow/5");
    expect(inWill.body.run.userName).toBe("will");
    expect(inWill.body.steps.map((s: { name: string }) => s.name)).toEqual(["start", "train", "join", "end"]);
    const train = inWill.body.steps[1];
    expect(train.taskCount).toBe(3);
    expect(train.counts).toEqual({ completed: 3, failed: 0, running: 0 });
    expect(train.tasks[0].current).toMatchObject({
      flow_name: "PredictionFlow",
      run_id: "5",
      origin_run_id: null,
      step_name: "train",
      username: "will",
      pathspec: `PredictionFlow/5/train/${train.tasks[0].key}`,
    });

    expect((await runRoute("PredictionFlow", "5", "?namespace=global")).status).toBe(200);
  });

  it("uses the remembered namespace when the URL names none; the URL wins", async () => {
    await setNamespacePreference(t.db, "anne", "user:will");
    try {
      expect((await runRoute("PredictionFlow", "5")).status).toBe(200);
      expect((await runRoute("PredictionFlow", "5", "?namespace=user:anne")).status).toBe(404);
    } finally {
      await t.db.userPreference.deleteMany({ where: { userName: "anne" } });
    }
  });

  it("links a resumed run and its origin both ways", async () => {
    const six = await runRoute("HelloFlow", "6", "?namespace=user:will");
    expect(six.body.run.originRunId).toBe("5");
    expect(six.body.origin.pathspec).toBe("HelloFlow/5");
    const five = await runRoute("HelloFlow", "5", "?namespace=user:anne");
    expect(five.body.resumed.map((r: { pathspec: string }) => r.pathspec)).toEqual(["HelloFlow/6"]);
    // HelloFlow/5 failed at its hello step.
    expect(five.body.run.status).toBe("failed");
    expect(five.body.steps.find((s: { name: string }) => s.name === "hello").counts.failed).toBe(1);
  });

  it("answers 404 for an unknown run and 400 for bad parameters", async () => {
    const unknown = await runRoute("PredictionFlow", "99", "?namespace=global");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: "not_found", message: "Run PredictionFlow/99 does not exist." });

    const badNamespace = await runRoute("PredictionFlow", "5", `?namespace=${"x".repeat(501)}`);
    expect(badNamespace.status).toBe(400);
    expect(badNamespace.body.error.message).toMatch(/is not a namespace: Tag is too long 501 > 500/);

    const badFlows = await getFlows(url(`/api/v1/flows?namespace=${"x".repeat(501)}`));
    expect(badFlows.status).toBe(400);

    expect((await runRoute("not-a-flow", "5")).status).toBe(400);
  });

  it("keeps counts in step after a tag mutation and a new run", async () => {
    await mutateRunTags(t.db, "HelloFlow", "1", ["xyz_features"], ["crazy_test"], { user: "tester", source: "api" });
    await mutateRunTags(t.db, "PredictionFlow", "8", [], ["candidate"], { user: "tester", source: "api" });
    let rows = await namespaces();
    expect(countOf(rows, "xyz_features")).toBe(5);
    expect(countOf(rows, "crazy_test")).toBe(4);
    expect(countOf(rows, "candidate")).toBeUndefined(); // no run carries it any more

    const zoe = await createRun(t.db, "HelloFlow", { userName: "zoe", systemTags: SYS("zoe"), tags: ["zoe_trial"] });
    rows = await namespaces();
    expect(countOf(rows, "user:zoe")).toBe(1);
    expect(countOf(rows, "zoe_trial")).toBe(1);
    expect(rows.find((r) => r.name === "user:zoe")?.lastActivityTs).toBe(zoe.createdTs);
    const inZoe = await flows("user:zoe");
    expect(inZoe.flows.map((f) => [f.name, f.latestRun?.key])).toEqual([["HelloFlow", String(zoe.runNumber)]]);
  });

  it("counts each step's tasks by outcome and lists its first 50 by id, however many steps the run has", async () => {
    const who = { userName: "stepper", systemTags: SYS("stepper") };
    await createFlow(t.db, "ManyStepsFlow", who);
    const run = await createRun(t.db, "ManyStepsFlow", who);
    const key = String(run.runNumber);
    const names = Array.from({ length: 205 }, (_, i) => `s${String(i).padStart(3, "0")}`);
    for (const name of names) await createStep(t.db, "ManyStepsFlow", key, name, who);
    const steps = await t.db.step.findMany({ where: { runId: run.dbId }, orderBy: { id: "asc" } });
    const nowS = Date.now() / 1000;
    // Completed, failed, running (heartbeating), silent for an hour, never heartbeated: the last three unfinished.
    const outcomes = [
      { attemptOk: true },
      { attemptOk: false },
      { attemptOk: null, lastHeartbeatTs: nowS },
      { attemptOk: null, lastHeartbeatTs: nowS - 3600 },
      { attemptOk: null, lastHeartbeatTs: null },
    ];
    const task = (stepId: number, i: number) => ({ stepId, runId: run.dbId, userName: "stepper", createdTs: 1_700_000_000_000 + i, ...outcomes[i % 5] });
    await t.db.task.createMany({ data: Array.from({ length: 61 }, (_, i) => task(steps[0].id, i)) });
    await t.db.task.create({ data: task(steps[204].id, 0) });
    const firstIds = (await t.db.task.findMany({ where: { stepId: steps[0].id }, orderBy: { id: "asc" }, take: 50 })).map((r) => String(r.id));

    const { status, body } = await runRoute("ManyStepsFlow", key, "?namespace=global");
    expect(status).toBe(200);
    expect(body.steps.map((s: { name: string }) => s.name)).toEqual(names);
    const [first, empty] = body.steps;
    expect(first.taskCount).toBe(61);
    expect(first.counts).toEqual({ completed: 13, failed: 36, running: 12 });
    expect(first.status).toBe("failed");
    expect(first.tasks.map((r: { key: string }) => r.key)).toEqual(firstIds);
    expect(first.tasks.slice(0, 3).map((r: { status: string }) => r.status)).toEqual(["completed", "failed", "running"]);
    expect(empty).toMatchObject({ taskCount: 0, counts: { completed: 0, failed: 0, running: 0 }, status: "completed", tasks: [] });
    const last = body.steps[204];
    expect(last).toMatchObject({ name: "s204", taskCount: 1, counts: { completed: 1, failed: 0, running: 0 } });
    expect(last.tasks).toHaveLength(1);
    expect(last.tasks[0].current).toMatchObject({ step_name: "s204", username: "stepper" });
  });
});
