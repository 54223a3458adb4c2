// Many clients recording at once (a wide foreach, parallel runs): nothing is
// lost, nothing deadlocks, nothing answers 500. Real HTTP, both databases.
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { APP_START_TIMEOUT, metadataClient, startApp, systemTags, type AppServer, type MetadataClient } from "../setup/metadata-servers";

const WIDTH = 50;

forEachDatabase("metadata API under concurrency", (t) => {
  let app: AppServer;
  let api: MetadataClient;
  beforeAll(async () => {
    app = await startApp({ databaseUrl: t.url });
    api = metadataClient(app);
    await api.post("/flows/WideFlow", {});
  }, APP_START_TIMEOUT);
  afterAll(async () => app?.stop());

  it("gives parallel runs distinct numbers", async () => {
    const runs = await Promise.all(
      Array.from({ length: 30 }, (_, i) => api.post("/flows/WideFlow/run", { user_name: "anne", tags: [`batch:${i % 3}`], system_tags: systemTags("anne") })),
    );
    expect(runs.map((r) => r.status)).toEqual(Array(30).fill(200));
    expect(new Set(runs.map((r) => r.body.run_number)).size).toBe(30);
  });

  it(`records ${WIDTH} parallel tasks with their metadata, artifacts and heartbeats completely`, async () => {
    const run = "/flows/WideFlow/runs/1";
    await Promise.all(["split", "split"].map((s) => api.post(`${run}/steps/${s}/step`, {}))); // one of the two gets 409
    const statuses: number[] = [];
    const tasks = await Promise.all(
      Array.from({ length: WIDTH }, async (_, i) => {
        const task = await api.post(`${run}/steps/split/task`, { user_name: "anne", system_tags: systemTags("anne") });
        statuses.push(task.status);
        const path = `${run}/steps/split/tasks/${task.body.task_id}`;
        const results = await Promise.all([
          api.post(`${path}/metadata`, [
            { field_name: "attempt", value: "0", type: "attempt", user_name: "anne", tags: ["attempt_id:0"] },
            { field_name: "foreach-execution-path", value: `split:${i}`, type: "foreach", user_name: "anne", tags: ["attempt_id:0"] },
          ]),
          api.post(`${path}/heartbeat`),
          api.post(`${run}/heartbeat`),
          api.post(`${path}/artifact`, [
            { name: "value", location: `/ds/${i}`, ds_type: "local", sha: `s${i}`, type: "t", content_type: "c", attempt_id: 0, user_name: "anne" },
          ]),
          api.post(`${path}/metadata`, [{ field_name: "attempt_ok", value: "True", type: "attempt_ok", user_name: "anne", tags: ["attempt_id:0"] }]),
        ]);
        statuses.push(...results.map((r) => r.status));
        return task.body.task_id as number;
      }),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(new Set(tasks).size).toBe(WIDTH);
    expect((await api.get(`${run}/steps/split/tasks`)).body).toHaveLength(WIDTH);
    expect((await api.get(`${run}/metadata`)).body).toHaveLength(WIDTH * 3);
    expect((await api.get(`${run}/steps/split/artifacts`)).body).toHaveLength(WIDTH);
    const filtered = await api.get(`${run}/steps/split/filtered_tasks?metadata_field_name=foreach-execution-path&pattern=split`);
    expect(filtered.body).toHaveLength(WIDTH);
  });

  it("keeps every tag edit made in parallel to different runs and the same run", async () => {
    const edits = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        api.patch(`/flows/WideFlow/runs/${(i % 4) + 2}/tag/mutate`, { tags_to_add: [`e${i}`, "shared"], tags_to_remove: ["batch:0"] }),
      ),
    );
    expect(edits.map((e) => e.status)).toEqual(Array(40).fill(200));
    for (let r = 2; r <= 5; r++) {
      const tags = (await api.get(`/flows/WideFlow/runs/${r}`)).body.tags;
      for (let i = r - 2; i < 40; i += 4) expect(tags).toContain(`e${i}`);
      expect(tags).not.toContain("batch:0");
    }
  });
});
