// The metadata API as Metaflow's client uses it, over real HTTP against the
// running app (next start), on SQLite and PostgreSQL: objects, ids, the
// heartbeat quirk, metadata, artifacts and attempts, filtered tasks.
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { APP_START_TIMEOUT, metadataClient, startApp, systemTags, type AppServer, type MetadataClient } from "../setup/metadata-servers";

const meta = (field: string, value: string, attempt = 0) => ({
  field_name: field,
  value,
  type: field,
  user_name: "anne",
  tags: [`attempt_id:${attempt}`],
});
const artifact = (name: string, attempt: number) => ({
  name,
  location: `/ds/HelloFlow/data/${name}${attempt}`,
  ds_type: "local",
  sha: `${name}-${attempt}`,
  type: "metaflow.artifact",
  content_type: "gzip+pickle-v2",
  attempt_id: attempt,
  user_name: "anne",
  tags: [],
  system_tags: systemTags("anne"),
});

forEachDatabase("metadata API objects over HTTP", (t) => {
  let app: AppServer;
  let api: MetadataClient;
  const anne = { user_name: "anne", tags: ["crazy_test"], system_tags: systemTags("anne") };
  beforeAll(async () => {
    app = await startApp({ databaseUrl: t.url });
    api = metadataClient(app);
  }, APP_START_TIMEOUT);
  afterAll(async () => app?.stop());

  it("answers ping with pong and the version header the client reads", async () => {
    const ping = await api.get("/ping");
    expect(ping.status).toBe(200);
    expect(ping.text).toBe("pong");
    expect(ping.headers.get("METADATA_SERVICE_VERSION")).toBe("2.5.1");
    expect((await api.get("/version")).text).toBe("2.5.1");
    expect((await api.get("/healthcheck")).body).toEqual({ status: "UP" });
  });

  it("creates a flow once, then answers 409; unknown flows are 404 {}", async () => {
    const created = await api.post("/flows/HelloFlow", { flow_id: "HelloFlow", ts_epoch: 1 });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ flow_id: "HelloFlow", tags: [], system_tags: [] });
    expect((await api.post("/flows/HelloFlow", {})).status).toBe(409);
    expect((await api.get("/flows/HelloFlow")).body.flow_id).toBe("HelloFlow");
    expect((await api.get("/flows")).body.map((f: { flow_id: string }) => f.flow_id)).toEqual(["HelloFlow"]);
    const missing = await api.get("/flows/NoSuchFlow");
    expect([missing.status, missing.body]).toEqual([404, {}]);
    expect(missing.headers.get("METADATA_SERVICE_VERSION")).toBe("2.5.1");
  });

  it("numbers runs, keeps string run ids, refuses numeric ones", async () => {
    const first = await api.post("/flows/HelloFlow/run", { ...anne, ts_epoch: 1_700_000_000_000 });
    expect(first.body).toMatchObject({ flow_id: "HelloFlow", run_number: 1, user_name: "anne", ts_epoch: 1_700_000_000_000, tags: ["crazy_test"] });
    expect(first.body.system_tags).toEqual([...systemTags("anne")].sort());
    expect(typeof first.body.last_heartbeat_ts).toBe("number"); // metaflow_version ≥ 2.2.12: alive from the start
    expect(first.body.last_heartbeat_ts).toBeLessThan(Date.now() / 1000 + 5);
    const second = await api.post("/flows/HelloFlow/run", { user_name: "will", system_tags: systemTags("will", "2.2.0") });
    expect([second.body.run_number, second.body.last_heartbeat_ts]).toEqual([2, null]);
    const named = await api.post("/flows/HelloFlow/run", { ...anne, run_number: "argo-hello-1" });
    expect(named.body.run_number).toBe("argo-hello-1");
    expect((await api.post("/flows/HelloFlow/run", { ...anne, run_number: "argo-hello-1" })).status).toBe(409);
    for (const bad of ["123", 123]) {
      const r = await api.post("/flows/HelloFlow/run", { ...anne, run_number: bad });
      expect([r.status, r.body]).toEqual([400, { message: "provided run_id may not be a numeric" }]);
    }
    expect((await api.post("/flows/NoSuchFlow/run", anne)).status).toBe(404);
    expect((await api.get("/flows/HelloFlow/runs/1")).body.run_number).toBe(1);
    expect((await api.get("/flows/HelloFlow/runs/argo-hello-1")).body.run_number).toBe("argo-hello-1");
    expect((await api.get("/flows/HelloFlow/runs/99")).status).toBe(404);
    const all = await api.get("/flows/HelloFlow/runs");
    expect(all.headers.get("X-Limit")).toBeNull(); // old clients: the plain array
    expect(all.body.map((r: { run_number: unknown }) => r.run_number)).toEqual(["argo-hello-1", 2, 1]);
  });

  it("lists runs (whole and paged) exactly as each one reads alone, written as JSON.stringify writes it", async () => {
    // The lists are built by the database, a run alone in code: they must agree.
    const tagged = await api.post("/flows/HelloFlow/run", { ...anne, tags: ["zeta", "Zed", "alpha", "émile", "a_b"] });
    await api.post(`/flows/HelloFlow/runs/${tagged.body.run_number}/heartbeat`, {});
    for (const path of ["/flows/HelloFlow/runs", "/flows/HelloFlow/runs?_limit=2"]) {
      const list = await api.get(path);
      expect(list.text).toBe(JSON.stringify(list.body));
      expect(list.body.length).toBeGreaterThan(1);
      for (const run of list.body) expect(run).toEqual((await api.get(`/flows/HelloFlow/runs/${run.run_number}`)).body);
    }
    const first = (await api.get("/flows/HelloFlow/runs?_limit=1")).body[0];
    expect(first.tags).toEqual(["Zed", "a_b", "alpha", "zeta", "émile"]);
    expect(Number.isInteger(first.last_heartbeat_ts)).toBe(true);
  });

  it("answers heartbeats with a JSON string holding JSON (the client decodes twice)", async () => {
    const hb = await api.call("POST", "/flows/HelloFlow/runs/2/heartbeat", "{}");
    expect(hb.status).toBe(200);
    expect(typeof hb.body).toBe("string");
    expect(JSON.parse(hb.body)).toEqual({ wait_time_in_seconds: 10 });
    expect((await api.get("/flows/HelloFlow/runs/2")).body.last_heartbeat_ts).toBeGreaterThan(Date.now() / 1000 - 60);
    expect((await api.post("/flows/HelloFlow/runs/404/heartbeat")).status).toBe(404);
  });

  it("creates steps and tasks that show the run's tags", async () => {
    const step = await api.post("/flows/HelloFlow/runs/1/steps/start/step", { user_name: "anne", tags: ["ignored"] });
    expect(step.body).toMatchObject({ run_number: 1, step_name: "start", tags: ["crazy_test"] });
    expect((await api.post("/flows/HelloFlow/runs/1/steps/start/step", {})).status).toBe(409);
    expect((await api.post("/flows/HelloFlow/runs/77/steps/start/step", {})).status).toBe(404);
    const task = await api.post("/flows/HelloFlow/runs/1/steps/start/task", anne);
    expect(typeof task.body.task_id).toBe("number");
    expect(task.body).toMatchObject({ step_name: "start", tags: ["crazy_test"], system_tags: [...systemTags("anne")].sort() });
    const named = await api.post("/flows/HelloFlow/runs/1/steps/start/task", { ...anne, task_id: "start-a" });
    expect(named.body.task_id).toBe("start-a");
    expect((await api.post("/flows/HelloFlow/runs/1/steps/start/task", { ...anne, task_id: "start-a" })).status).toBe(409);
    const numeric = await api.post("/flows/HelloFlow/runs/1/steps/start/task", { ...anne, task_id: "17" });
    expect([numeric.status, numeric.body]).toEqual([400, { message: "provided task_name may not be a numeric" }]);
    expect((await api.post("/flows/HelloFlow/runs/1/steps/nostep/task", anne)).status).toBe(404);
    expect((await api.get(`/flows/HelloFlow/runs/1/steps/start/tasks/${task.body.task_id}`)).body.task_id).toBe(task.body.task_id);
    expect((await api.get("/flows/HelloFlow/runs/1/steps/start/tasks/start-a")).body.task_id).toBe("start-a");
    expect((await api.get("/flows/HelloFlow/runs/1/steps/start/tasks")).body).toHaveLength(2);
    expect((await api.get("/flows/HelloFlow/runs/1/steps")).body.map((s: { step_name: string }) => s.step_name)).toEqual(["start"]);
    expect((await api.get("/flows/HelloFlow/runs/1/steps/start")).body.step_name).toBe("start");
  });

  it("refreshes the run heartbeat when a task is created or beats", async () => {
    expect((await api.get("/flows/HelloFlow/runs/argo-hello-1")).body.last_heartbeat_ts).not.toBeNull();
    const run = await api.post("/flows/HelloFlow/run", { user_name: "will", system_tags: systemTags("will", "2.0.0") });
    const key = run.body.run_number;
    expect(run.body.last_heartbeat_ts).toBeNull();
    await api.post(`/flows/HelloFlow/runs/${key}/steps/start/step`, {});
    const task = await api.post(`/flows/HelloFlow/runs/${key}/steps/start/task`, {});
    expect((await api.get(`/flows/HelloFlow/runs/${key}`)).body.last_heartbeat_ts).toBeGreaterThan(Date.now() / 1000 - 60);
    const hb = await api.post(`/flows/HelloFlow/runs/${key}/steps/start/tasks/${task.body.task_id}/heartbeat`);
    expect(JSON.parse(hb.body)).toEqual({ wait_time_in_seconds: 10 });
    expect((await api.post(`/flows/HelloFlow/runs/${key}/steps/start/tasks/999999/heartbeat`)).status).toBe(404);
  });

  it("records metadata and refuses it for unknown tasks", async () => {
    const created = await api.post("/flows/HelloFlow/runs/1/steps/start/tasks/start-a/metadata", [
      meta("attempt", "0"),
      meta("ds-type", "local"),
      meta("foreach-execution-path", "start:0"),
    ]);
    expect(created.body).toEqual({ metadata_created: 3 });
    for (const path of ["/flows/HelloFlow/runs/1/steps/start/tasks/424242/metadata", "/flows/HelloFlow/runs/9/steps/start/tasks/1/metadata"]) {
      const r = await api.post(path, [meta("attempt", "0")]);
      expect([r.status, r.body]).toEqual([400, { message: "need to register run_id and task_id first" }]);
    }
    // Metaflow sends foreach-stack as a list: kept as JSON text, not refused
    const structured = await api.post("/flows/HelloFlow/runs/1/steps/start/tasks/start-a/metadata", [{ ...meta("foreach-stack", ""), value: ["items=1"] }]);
    expect(structured.body).toEqual({ metadata_created: 1 });
    const read = await api.get("/flows/HelloFlow/runs/1/steps/start/tasks/start-a/metadata");
    expect(read.body.map((m: { field_name: string }) => m.field_name)).toEqual(["attempt", "ds-type", "foreach-execution-path", "foreach-stack"]);
    expect(read.body[3].value).toBe('["items=1"]');
    expect(read.body[0]).toMatchObject({ run_number: 1, step_name: "start", task_id: "start-a", value: "0", tags: ["attempt_id:0"], user_name: "anne" });
    expect(typeof read.body[0].id).toBe("number");
    expect((await api.get("/flows/HelloFlow/runs/1/metadata")).body).toHaveLength(4);
  });

  it("serves artifacts of the latest attempt unless an attempt is named", async () => {
    const path = "/flows/HelloFlow/runs/1/steps/start/tasks/start-a";
    expect((await api.post(`${path}/artifact`, [artifact("x", 0), artifact("y", 0)])).body).toEqual({ artifacts_created: 2 });
    await api.post(`${path}/artifact`, [artifact("x", 1)]);
    const latest = await api.get(`${path}/artifacts`);
    expect(latest.body.map((a: { name: string; attempt_id: number }) => [a.name, a.attempt_id])).toEqual([["x", 1]]);
    expect(latest.body[0]).toMatchObject({ task_id: "start-a", ds_type: "local", tags: ["crazy_test"], sha: "x-1" });
    expect((await api.get(`${path}/attempt/0/artifacts`)).body).toHaveLength(2);
    expect((await api.get(`${path}/artifacts/x`)).body.attempt_id).toBe(1);
    expect((await api.get(`${path}/artifacts/y`)).body.attempt_id).toBe(0);
    expect((await api.get(`${path}/artifacts/x/attempt/0`)).body.sha).toBe("x-0");
    expect((await api.get(`${path}/artifacts/nope`)).status).toBe(404);
    expect((await api.get(`${path}/artifacts/x/attempt/one`)).status).toBe(400);
    expect((await api.get("/flows/HelloFlow/runs/1/steps/start/artifacts")).body).toHaveLength(1);
    expect((await api.get("/flows/HelloFlow/runs/1/artifacts")).body).toHaveLength(1);
    const refused = await api.post("/flows/HelloFlow/runs/1/steps/start/tasks/31337/artifact", [artifact("x", 0)]);
    expect([refused.status, refused.body]).toEqual([400, { message: "need to register run_id and task_id first" }]);
  });

  it("filters a step's tasks by a metadata pattern (filtered_tasks)", async () => {
    await api.post("/flows/HelloFlow/runs/1/steps/fan/step", {});
    for (const i of [0, 1, 2]) {
      const task = await api.post("/flows/HelloFlow/runs/1/steps/fan/task", anne);
      await api.post(`/flows/HelloFlow/runs/1/steps/fan/tasks/${task.body.task_id}/metadata`, [meta("foreach-execution-path", `start:${i},fan:${i * 10}`)]);
    }
    const base = "/flows/HelloFlow/runs/1/steps/fan/filtered_tasks";
    const one = await api.get(`${base}?metadata_field_name=foreach-execution-path&pattern=${encodeURIComponent("start:1,.*")}`);
    expect(one.body).toHaveLength(1);
    expect(one.body[0]).toMatch(/^HelloFlow\/1\/fan\/\d+$/);
    expect((await api.get(`${base}?metadata_field_name=foreach-execution-path&pattern=fan`)).body).toHaveLength(3);
    expect((await api.get(base)).body).toHaveLength(3);
    expect((await api.get(`${base}?pattern=${encodeURIComponent("(")}`)).status).toBe(400);
    expect((await api.get("/flows/HelloFlow/runs/1/steps/none/filtered_tasks")).status).toBe(404);
  });

  it("works with string run ids in every path", async () => {
    const r = "/flows/HelloFlow/runs/argo-hello-1";
    await api.post(`${r}/steps/end/step`, {});
    const task = await api.post(`${r}/steps/end/task`, { ...anne, task_id: "end-1" });
    expect(task.body).toMatchObject({ run_number: "argo-hello-1", task_id: "end-1" });
    await api.post(`${r}/steps/end/tasks/end-1/metadata`, [meta("attempt_ok", "True")]);
    await api.post(`${r}/steps/end/tasks/end-1/artifact`, [artifact("z", 0)]);
    expect((await api.get(`${r}/metadata`)).body[0]).toMatchObject({ run_number: "argo-hello-1", task_id: "end-1", value: "True" });
    expect((await api.get(`${r}/artifacts`)).body[0].run_number).toBe("argo-hello-1");
    const detail = await fetch(`${app.url}/api/v1/runs/HelloFlow/argo-hello-1?namespace=global`).then((x) => x.json());
    expect(detail.run.status).toBe("completed");
  });

  it("derives run status from the end step and records origin-run-id of resumed runs", async () => {
    const run = await api.post("/flows/HelloFlow/run", anne);
    const key = run.body.run_number;
    await api.post(`/flows/HelloFlow/runs/${key}/steps/end/step`, {});
    const task = await api.post(`/flows/HelloFlow/runs/${key}/steps/end/task`, anne);
    const m = `/flows/HelloFlow/runs/${key}/steps/end/tasks/${task.body.task_id}/metadata`;
    await api.post(m, [meta("attempt", "0"), meta("origin-run-id", "1")]);
    const status = async () => (await fetch(`${app.url}/api/v1/runs/HelloFlow/${key}?namespace=global`).then((x) => x.json())).run;
    expect((await status()).status).toBe("running");
    await api.post(m, [meta("attempt_ok", "False")]);
    expect((await status()).status).toBe("failed");
    expect((await status()).originRunId).toBe("1");
  });
});
