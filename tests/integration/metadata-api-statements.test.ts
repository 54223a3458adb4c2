// The hot routes of the metadata API stay lean: each request sends at most
// two SQL statements (one on PostgreSQL, where names are resolved inside the
// statement) for a task, a metadata batch, an artifact batch and heartbeats.
// The server counts statements when FLOWDECK_COUNT_STATEMENTS=1 and says so
// in the x-flowdeck-statements header. Real HTTP, both databases.
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { APP_START_TIMEOUT, metadataClient, startApp, systemTags, type AppServer, type MetadataClient } from "../setup/metadata-servers";

const meta = (field: string, value: string) => ({ field_name: field, value, type: field, user_name: "anne", tags: ["attempt_id:0"] });
const artifact = (name: string) => ({
  name,
  location: `/ds/${name}`,
  ds_type: "local",
  sha: name,
  type: "metaflow.artifact",
  content_type: "gzip+pickle-v2",
  attempt_id: 0,
  user_name: "anne",
});

forEachDatabase(
  "metadata API statements per request",
  (t) => {
    let app: AppServer;
    let api: MetadataClient;
    const statements = async (method: string, path: string, body?: unknown) => {
      const r = await api.call(method, path, body);
      expect(r.status, `${method} ${path}: ${r.text}`).toBe(200);
      return Number(r.headers.get("x-flowdeck-statements"));
    };
    beforeAll(async () => {
      app = await startApp({ databaseUrl: t.url, env: { FLOWDECK_COUNT_STATEMENTS: "1" } });
      api = metadataClient(app);
      await api.post("/flows/LeanFlow", {});
    }, APP_START_TIMEOUT);
    afterAll(async () => app?.stop());

    it("sends at most two statements for a task, its metadata, artifacts and heartbeats", async () => {
      const most = t.kind === "postgresql" ? 1 : 2;
      const run = (await api.post("/flows/LeanFlow/run", { user_name: "anne", tags: ["lean"], system_tags: systemTags("anne") })).body.run_number;
      const R = `/flows/LeanFlow/runs/${run}`;
      expect(await statements("POST", `${R}/steps/start/step`, { user_name: "anne" })).toBeLessThanOrEqual(2);
      const task = (await api.post(`${R}/steps/start/task`, { user_name: "anne" })).body.task_id;
      const T = `${R}/steps/start/tasks/${task}`;
      const counts = {
        task: await statements("POST", `${R}/steps/start/task`, { user_name: "anne" }),
        metadata: await statements("POST", `${T}/metadata`, [
          meta("attempt", "0"),
          meta("origin-run-id", "None"),
          meta("ds-type", "local"),
          meta("ds-root", "/tmp/ds"),
          meta("executor", "local"),
        ]),
        artifacts: await statements("POST", `${T}/artifact`, ["name", "_task_ok", "result"].map(artifact)),
        verdict: await statements("POST", `${T}/metadata`, [meta("attempt_ok", "True"), meta("attempt-done", "0")]),
        taskHeartbeat: await statements("POST", `${T}/heartbeat`, {}),
        runHeartbeat: await statements("POST", `${R}/heartbeat`, {}),
      };
      for (const [route, n] of Object.entries(counts)) expect(n, route).toBeGreaterThan(0);
      for (const [route, n] of Object.entries(counts)) expect(n, route).toBeLessThanOrEqual(most);
    });

    it("sends at most two statements for a resumed run's tasks (its origin is recorded once)", async () => {
      const run = (await api.post("/flows/LeanFlow/run", { user_name: "anne", system_tags: systemTags("anne") })).body.run_number;
      const R = `/flows/LeanFlow/runs/${run}`;
      await api.post(`${R}/steps/start/step`, { user_name: "anne" });
      for (const _ of [1, 2]) {
        const task = (await api.post(`${R}/steps/start/task`, { user_name: "anne" })).body.task_id;
        const n = await statements("POST", `${R}/steps/start/tasks/${task}/metadata`, [meta("attempt", "0"), meta("origin-run-id", "1")]);
        expect(n).toBeLessThanOrEqual(t.kind === "postgresql" ? 1 : 2);
      }
      expect((await api.get(`/flows/LeanFlow/runs/${run}/metadata`)).body.filter((m: { field_name: string }) => m.field_name === "origin-run-id")).toHaveLength(
        2,
      );
    });

    it("reads a run, its steps, tasks, metadata and artifacts in one statement each", async () => {
      const R = "/flows/LeanFlow/runs/1";
      const T = `${R}/steps/start/tasks`;
      const task = (await api.get(T)).body[0].task_id;
      for (const path of [
        "/flows/LeanFlow",
        "/flows/LeanFlow/runs",
        "/flows/LeanFlow/runs?_limit=50",
        R,
        `${R}/steps`,
        `${R}/steps/start`,
        T,
        `${T}/${task}`,
        `${T}/${task}/metadata`,
        `${T}/${task}/artifacts`,
        `${T}/${task}/artifacts/result`,
        `${R}/artifacts`,
        `${R}/metadata`,
      ]) {
        expect([path, await statements("GET", path)]).toEqual([path, 1]);
      }
    });
  },
  { client: false },
);
