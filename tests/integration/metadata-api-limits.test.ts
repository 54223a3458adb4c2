// Bad input never gets a 500 or a half-written change; API keys, when
// configured, guard writes (and reads when asked). Real HTTP, both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { APP_START_TIMEOUT, metadataClient, startApp, systemTags, type AppServer, type MetadataClient } from "../setup/metadata-servers";

const TASK = "/flows/LimitFlow/runs/1/steps/start/tasks/1";

forEachDatabase("metadata API bad input over HTTP", (t) => {
  let app: AppServer;
  let api: MetadataClient;
  beforeAll(async () => {
    app = await startApp({ databaseUrl: t.url });
    api = metadataClient(app);
    await api.post("/flows/LimitFlow", {});
    await api.post("/flows/LimitFlow/run", { user_name: "anne", system_tags: systemTags("anne") });
    await api.post("/flows/LimitFlow/runs/1/steps/start/step", {});
    await api.post("/flows/LimitFlow/runs/1/steps/start/task", {});
  }, APP_START_TIMEOUT);
  afterAll(async () => app?.stop());

  it("answers wrong JSON with 400 on every write route", async () => {
    const writes: [string, string][] = [
      ["POST", "/flows/X"],
      ["POST", "/flows/LimitFlow/run"],
      ["POST", "/flows/LimitFlow/runs/1/steps/s/step"],
      ["POST", "/flows/LimitFlow/runs/1/steps/start/task"],
      ["POST", `${TASK}/metadata`],
      ["POST", `${TASK}/artifact`],
      ["PATCH", "/flows/LimitFlow/runs/1/tag/mutate"],
      ["POST", `${TASK}/logs`],
    ];
    for (const [method, path] of writes) {
      const r = await api.call(method, path, "{not json");
      expect([path, r.status, r.body]).toEqual([path, 400, { message: "The request body is not valid JSON." }]);
    }
  });

  it("answers wrong types with 400 and a message naming the field", async () => {
    const cases: [string, unknown, RegExp][] = [
      ["/flows/LimitFlow/run", { user_name: 5 }, /user_name/],
      ["/flows/LimitFlow/run", { tags: "crazy_test" }, /tags must be a list of strings/],
      ["/flows/LimitFlow/run", { ts_epoch: "yesterday" }, /ts_epoch/],
      ["/flows/LimitFlow/runs/1/steps/start/task", { task_id: ["a"] }, /task_id/],
      [`${TASK}/metadata`, { field_name: "attempt", value: "0" }, /list of metadata/],
      [`${TASK}/metadata`, [{ value: "0" }], /field_name/],
      [`${TASK}/artifact`, [{ name: "x", attempt_id: "first" }], /attempt_id/],
      [`${TASK}/logs`, { stream: "stdlog", lines: [{ line: "x" }] }, /stream must be stdout or stderr/],
    ];
    for (const [path, body, message] of cases) {
      const r = await api.post(path, body);
      expect([path, r.status]).toEqual([path, 400]);
      expect(r.body.message).toMatch(message);
    }
  });

  it("writes nothing when one item of a batch is bad", async () => {
    const r = await api.post(`${TASK}/metadata`, [
      { field_name: "good", value: "1", type: "t", user_name: "anne" },
      { field_name: 42, value: "x" },
    ]);
    expect(r.status).toBe(400);
    expect((await api.get(`${TASK}/metadata`)).body).toEqual([]);
  });

  it("refuses bodies over the limit with 413 and keeps nothing", async () => {
    const big = [{ field_name: "blob", value: "x".repeat(1024 * 1024 + 10), type: "blob", user_name: "anne" }];
    const r = await api.post(`${TASK}/metadata`, big);
    expect(r.status).toBe(413);
    expect(r.body.message).toMatch(/larger than the limit of 1048576 bytes/);
    expect((await api.get(`${TASK}/metadata`)).body).toEqual([]);
    const chunked = await fetch(`${app.url}/api/metadata${TASK}/metadata`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode("x".repeat(100_000)));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it("refuses text PostgreSQL could not store and ids no column can hold, on both databases alike", async () => {
    const nul = await api.post(`${TASK}/metadata`, [{ field_name: "f", value: "a\u0000b", type: "t", user_name: "anne" }]);
    expect([nul.status, nul.body.message]).toEqual([400, "Text in the body must not contain NUL characters (\\u0000)."]);
    expect((await api.patch("/flows/LimitFlow/runs/1/tag/mutate", { tags_to_add: ["a\u0000"] })).status).toBe(400);
    expect((await api.get(`/flows/${"F".repeat(300)}`)).status).toBe(400);
    expect((await api.post(`/flows/${"F".repeat(300)}`, {})).status).toBe(400);
    expect((await api.get("/flows/LimitFlow/runs/99999999999")).status).toBe(404);
    expect((await api.get("/flows/LimitFlow/runs/1/steps/start/tasks/99999999999999999999")).status).toBe(404);
    expect((await api.post("/flows/LimitFlow/runs/1/steps/start/tasks/99999999999/metadata", [])).status).toBe(400);
  });

  it("answers unknown paths with 404 {} and wrong methods with 405", async () => {
    const unknown = await api.get("/flows/LimitFlow/runs/1/whatever");
    expect([unknown.status, unknown.body]).toEqual([404, {}]);
    const wrong = await api.call("DELETE", "/flows/LimitFlow");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, POST");
  });

  it("appends pushed log lines that the dashboard's logs route serves", async () => {
    const r = await api.post(`${TASK}/logs`, { stream: "stderr", lines: [{ line: "first", ts: 1000 }, { line: "second" }] });
    expect(r.body).toEqual({ lines_created: 2 });
    const logs = await fetch(`${app.url}/api/v1/runs/LimitFlow/1/start/1/logs?stream=stderr&namespace=global`).then((x) => x.json());
    expect(logs.lines.map((l: { line: string }) => l.line)).toEqual(["first", "second"]);
    expect((await api.post("/flows/LimitFlow/runs/1/steps/start/tasks/999/logs", { stream: "stdout", lines: [{ line: "x" }] })).status).toBe(404);
  });
});

forEachDatabase("metadata API keys", (t) => {
  let writesOnly: AppServer;
  let readsToo: AppServer;
  beforeAll(async () => {
    [writesOnly, readsToo] = await Promise.all([
      startApp({ databaseUrl: t.url, env: { FLOWDECK_API_KEYS: "key-one, key-two" } }),
      startApp({ databaseUrl: t.url, env: { FLOWDECK_API_KEYS: "key-one", FLOWDECK_API_KEYS_FOR_READS: "1" } }),
    ]);
  }, APP_START_TIMEOUT);
  afterAll(async () => {
    await Promise.all([writesOnly?.stop(), readsToo?.stop()]);
  });

  describe("with keys for writes", () => {
    it("refuses writes without a valid x-api-key with 401 and says what to set", async () => {
      const api = metadataClient(writesOnly);
      const none = await api.post("/flows/KeyFlow", {});
      expect(none.status).toBe(401);
      expect(none.body.message).toMatch(/METAFLOW_SERVICE_AUTH_KEY/);
      expect((await api.post("/flows/KeyFlow", {}, { "x-api-key": "wrong" })).status).toBe(401);
      expect((await api.post("/flows/KeyFlow", {}, { "x-api-key": "key-two" })).status).toBe(200);
      expect((await api.patch("/flows/KeyFlow/runs/1/tag/mutate", { tags_to_add: ["x"] })).status).toBe(401);
      expect((await api.get("/flows/KeyFlow")).status).toBe(200);
    });
  });

  describe("with keys for reads too", () => {
    it("refuses reads without a key but keeps ping open", async () => {
      const api = metadataClient(readsToo);
      expect((await api.get("/flows/KeyFlow")).status).toBe(401);
      expect((await api.get("/flows/KeyFlow", { "x-api-key": "key-one" })).status).toBe(200);
      const ping = await api.get("/ping");
      expect([ping.status, ping.text]).toEqual([200, "pong"]);
    });
  });
});
