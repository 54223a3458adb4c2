// What a careless or hostile client sends gets a 4xx with a message and
// changes nothing: broken encodings, deep or ill-formed JSON, dot segments and
// names no Metaflow client writes, cross-site and non-JSON writes, unbounded
// filters, LIKE wildcards in values, and a pattern that would backtrack for
// ever. Real HTTP, both databases.
import { request } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { APP_START_TIMEOUT, metadataClient, startApp, systemTags, type AppServer, type MetadataClient } from "../setup/metadata-servers";

forEachDatabase(
  "metadata API hardening",
  (t) => {
    let app: AppServer;
    let api: MetadataClient;
    const R = "/flows/HardFlow/runs/1";
    beforeAll(async () => {
      app = await startApp({ databaseUrl: t.url });
      api = metadataClient(app);
      await api.post("/flows/HardFlow", {});
      for (const tags of [["100%_done"], ["100x_done"], ["back\\slash"]]) {
        await api.post("/flows/HardFlow/run", { user_name: "anne", tags, system_tags: systemTags("anne") });
      }
      await api.post(`${R}/steps/start/step`, {});
      const task = (await api.post(`${R}/steps/start/task`, {})).body.task_id;
      await api.post(`${R}/steps/start/tasks/${task}/metadata`, [{ field_name: "x", value: "a".repeat(40) + "b", type: "x", user_name: "anne" }]);
    }, APP_START_TIMEOUT);
    afterAll(async () => app?.stop());

    const raw = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
      fetch(`${app.url}/api/metadata${path}`, { method, body, headers }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }));
    /** node:http sends the path as written (fetch would resolve %2e%2e before sending). */
    const asWritten = (method: string, path: string) =>
      new Promise<{ status: number; body: { message?: string } }>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port: app.port, path: `/api/metadata${path}`, method }, (res) => {
          let text = "";
          res.on("data", (c) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || "null") ?? {} }));
        });
        req.on("error", reject);
        req.end();
      });
    const flows = async () => (await api.get("/flows")).body.map((f: { flow_id: string }) => f.flow_id);

    it("answers broken percent-encoding, dot segments, slashes and control characters in paths with 400", async () => {
      for (const path of ["/flows/%ff", "/flows/HardFlow/runs/%ff/6", "/flows/HardFlow/runs/%2e%2e/%2e%2e/heartbeat", "/flows/a%2Fb", "/flows/a%0D%0Ab"]) {
        const r = await asWritten(path.endsWith("heartbeat") ? "POST" : "GET", path);
        expect([path, r.status, typeof r.body?.message]).toEqual([path, 400, "string"]);
      }
      expect(await flows()).toEqual(["HardFlow"]);
    });

    it("names NUL in a path segment or the query in one sentence", async () => {
      const path = await raw("GET", "/flows/a%00b");
      expect([path.status, path.body.message]).toEqual([400, "The flow in the path contains a NUL character."]);
      for (const q of ["_tags=a%00b", "a%00b=1"]) {
        const query = await raw("GET", `/flows/HardFlow/runs?${q}`);
        expect([q, query.status, query.body.message]).toEqual([q, 400, "The query contains a NUL character."]);
      }
    });

    it("records only flow and step names Metaflow could have written", async () => {
      for (const name of ["%3Cscript%3E", "a-b", "1abc", "a.b"]) {
        const r = await api.post(`/flows/${name}`, {});
        expect([name, r.status]).toEqual([name, 400]);
        expect(r.body.message).toMatch(/Python identifier/);
        expect((await api.post(`${R}/steps/${name}/step`, {})).status).toBe(400);
      }
      expect((await api.post("/flows/Ünïcode_Flow2", {})).status).toBe(200);
      expect(await flows()).toEqual(["HardFlow", "Ünïcode_Flow2"]);
    });

    it("refuses deep nesting and lone surrogates in bodies with 400, storing nothing", async () => {
      const deep = "[".repeat(10_000) + "]".repeat(10_000);
      expect((await raw("POST", "/flows/Deep", deep, { "content-type": "application/json" })).status).toBe(400);
      const lone = await raw("POST", "/flows/HardFlow/run", '{"user_name": "\\ud800"}', { "content-type": "application/json" });
      expect([lone.status, lone.body.message]).toEqual([400, expect.stringMatching(/lone surrogate/)]);
      expect((await api.get("/flows/HardFlow/runs")).body).toHaveLength(3);
    });

    it("refuses cross-site and non-JSON writes", async () => {
      const evil = await raw("POST", "/flows/EvilFlow", "{}", { "content-type": "text/plain", origin: "http://evil.example" });
      expect([evil.status, evil.body.message]).toEqual([403, "Cross-site writes are refused: this request came from http://evil.example."]);
      const plain = await raw("POST", "/flows/PlainFlow", "{}", { "content-type": "text/plain" });
      expect(plain.status).toBe(415);
      expect((await raw("POST", "/flows/SameSite", "{}", { "content-type": "application/json", origin: app.url })).status).toBe(200);
      expect(await flows()).not.toContain("EvilFlow");
      expect(await flows()).not.toContain("PlainFlow");
    });

    it("bounds filters and ids, and matches % _ and \\ in values literally", async () => {
      const many = Array.from({ length: 50 }, (_, i) => `t${i}`).join(",");
      const tooMany = await api.get(`/flows/HardFlow/runs?_tags:any=${many}`);
      expect([tooMany.status, tooMany.body.message]).toEqual([400, "_tags:any takes at most 20 values, got 50"]);
      expect((await api.get("/flows/HardFlow/runs?run_number=99999999999")).status).toBe(400);
      const cursor = Buffer.from(JSON.stringify({ ts_epoch: 1, run_number: 1e12 })).toString("base64");
      expect((await api.get(`/flows/HardFlow/runs?_cursor=${cursor}`)).status).toBe(400);
      const tagsOf = async (q: string) => (await api.get(`/flows/HardFlow/runs?${q}`)).body.map((r: { tags: string[] }) => r.tags[0]);
      expect(await tagsOf(`tags:co=${encodeURIComponent("0%_")}`)).toEqual(["100%_done"]);
      expect(await tagsOf(`tags:ew=${encodeURIComponent("\\slash")}`)).toEqual(["back\\slash"]);
      expect(await tagsOf(`tags:li=${encodeURIComponent("back\\")}`)).toEqual([]);
      expect(await tagsOf(`tags:li=${encodeURIComponent("100_\\_done")}`)).toEqual([]);
      expect((await tagsOf(`tags:li=${encodeURIComponent("100__done")}`)).sort()).toEqual(["100%_done", "100x_done"]);
    });

    it("matches filtered_tasks patterns in linear time", async () => {
      const started = Date.now();
      const r = await api.get(`${R}/steps/start/filtered_tasks?metadata_field_name=x&pattern=${encodeURIComponent("^(a+)+$")}`);
      expect([r.status, r.body]).toEqual([200, []]);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await api.get(`${R}/steps/start/filtered_tasks?pattern=${encodeURIComponent("(a)\\1")}`)).status).toBe(400);
    });
  },
  { client: false },
);
