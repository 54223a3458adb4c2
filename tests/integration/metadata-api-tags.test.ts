// Tag mutation and the newer runs-list parameters of the metadata API, over
// real HTTP on SQLite and PostgreSQL.
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { APP_START_TIMEOUT, metadataClient, startApp, systemTags, type AppServer, type MetadataClient } from "../setup/metadata-servers";

forEachDatabase("metadata API tags and run lists over HTTP", (t) => {
  let app: AppServer;
  let api: MetadataClient;
  const mutate = (run: number | string, body: unknown) => api.patch(`/flows/TagFlow/runs/${run}/tag/mutate`, body);
  const tagsOf = async (run: number | string) => (await api.get(`/flows/TagFlow/runs/${run}`)).body.tags;

  beforeAll(async () => {
    app = await startApp({ databaseUrl: t.url });
    api = metadataClient(app);
    await api.post("/flows/TagFlow", {});
    const runs = [
      { user: "anne", tags: ["crazy_test", "date:2020-06-01"], ts: 1_000 },
      { user: "anne", tags: ["crazy_test"], ts: 2_000 },
      { user: "will", tags: ["date:2020-06-01"], ts: 3_000 },
      { user: "anne", tags: [], ts: 4_000 },
      { user: "will", tags: ["crazy_test", "date:2020-06-01"], ts: 5_000 },
    ];
    for (const r of runs) {
      await api.post("/flows/TagFlow/run", { user_name: r.user, tags: r.tags, system_tags: systemTags(r.user), ts_epoch: 1_600_000_000_000 + r.ts });
    }
  }, APP_START_TIMEOUT);
  afterAll(async () => app?.stop());

  it("removes before it adds, atomically, and returns the user tags", async () => {
    const r = await mutate(1, { tags_to_add: ["a", "b"], tags_to_remove: ["crazy_test"] });
    expect(r.status).toBe(200);
    expect([...r.body.tags].sort()).toEqual(["a", "b", "date:2020-06-01"]);
    expect(await tagsOf(1)).toEqual(["a", "b", "date:2020-06-01"]);
    // replace_tag: remove and add the same tag in one request keeps it
    const replaced = await mutate(1, { tags_to_add: ["a2", "b"], tags_to_remove: ["a", "b"] });
    expect([...replaced.body.tags].sort()).toEqual(["a2", "b", "date:2020-06-01"]);
  });

  it("answers a no-op with 200 and treats adding a system tag as a no-op", async () => {
    const before = await tagsOf(2);
    const noop = await mutate(2, { tags_to_add: ["crazy_test", "user:anne"], tags_to_remove: ["never-there"] });
    expect(noop.status).toBe(200);
    expect(noop.body.tags).toEqual(before);
    expect((await mutate(2, {})).status).toBe(200);
    expect((await api.get("/flows/TagFlow/runs/2")).body.system_tags).toContain("user:anne");
  });

  it("refuses to remove a system tag with 422, changing nothing", async () => {
    const r = await mutate(2, { tags_to_add: ["new"], tags_to_remove: ["user:anne"] });
    expect(r.status).toBe(422);
    expect(r.body.message).toBe("Cannot remove tags that are existing system tags {'user:anne'}");
    expect(await tagsOf(2)).not.toContain("new");
  });

  it("refuses malformed requests with 400", async () => {
    const cases: [unknown, string][] = [
      [{ tags_to_add: "x" }, "tags_to_add must be a list"],
      [{ tags_to_remove: { a: 1 } }, "tags_to_remove must be a list"],
      [{ tags_to_add: ["ok", 5] }, "All tag values must be strings"],
      [{ tags_to_add: [""] }, "Tags must not be empty string"],
      [{ tags_to_add: ["x".repeat(501)] }, "Tag is too long 501 > 500"],
    ];
    for (const [body, message] of cases) {
      const r = await mutate(3, body);
      expect([r.status, r.body.message]).toEqual([400, message]);
    }
    expect((await api.call("PATCH", "/flows/TagFlow/runs/3/tag/mutate", "[1,")).status).toBe(400);
    expect((await mutate(99, { tags_to_add: ["x"] })).status).toBe(404);
  });

  it("keeps a run to 50 user tags (422 beyond)", async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `t${i}`);
    expect((await mutate(4, { tags_to_add: fifty })).status).toBe(200);
    const over = await mutate(4, { tags_to_add: ["one-more"] });
    expect([over.status, over.body.message]).toEqual([422, "Cannot increase size of tag set beyond 50"]);
    expect((await mutate(4, { tags_to_add: ["swap"], tags_to_remove: ["t0"] })).status).toBe(200);
    const created = await api.post("/flows/TagFlow/run", { user_name: "anne", tags: [...fifty, "x51"], system_tags: systemTags("anne") });
    expect([created.status, created.body.message]).toEqual([400, "Cannot increase size of tag set beyond 50"]);
    const long = await api.post("/flows/TagFlow/run", { user_name: "anne", tags: ["y".repeat(501)], system_tags: systemTags("anne") });
    expect(long.status).toBe(400);
  });

  it("loses no tag when many edits of one run arrive at once", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => mutate(5, { tags_to_add: [`c${i}`] })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const tags = await tagsOf(5);
    for (let i = 0; i < 20; i++) expect(tags).toContain(`c${i}`);
  });

  it("filters runs with _tags (all) and _tags:any, within user and time conditions", async () => {
    const list = async (q: string) => (await api.get(`/flows/TagFlow/runs?${q}`)).body.map((r: { run_number: number }) => r.run_number);
    expect(await list("_tags=crazy_test,user:will")).toEqual([5]);
    expect(await list("_tags:all=date:2020-06-01")).toEqual([5, 3, 1]);
    expect(await list("_tags:all=date:2020-06-01,a2")).toEqual([1]);
    expect(await list("_tags:any=a2,user:will")).toEqual([5, 3, 1]);
    expect(await list("_tags:likeany=2020-06")).toEqual([5, 3, 1]);
    expect(await list("user_name:eq=will")).toEqual([5, 3]);
    expect(await list("user:eq=anne&_tags=crazy_test")).toEqual([2]);
    expect(await list(`ts_epoch:ge=${1_600_000_003_000}`)).toEqual([5, 4, 3]);
    expect(await list("run_number:lt=3")).toEqual([2, 1]);
    expect(await list("tags:co=crazy")).toEqual([5, 2]);
    expect(await list("status:eq=running")).toEqual([5, 4, 3, 2, 1]);
    expect(await list("status:eq=completed,failed")).toEqual([]);
    expect(await list("run_id:is=null&_limit=2")).toEqual([5, 4]);
    expect(await list("nonsense=1&_limit=500")).toEqual([5, 4, 3, 2, 1]);
  });

  it("pages with _limit and _cursor (X-Limit, X-Next-Cursor) and refuses bad parameters", async () => {
    const seen: number[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page = await api.get(`/flows/TagFlow/runs?_limit=2${cursor ? `&_cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.headers.get("X-Limit")).toBe("2");
      seen.push(...page.body.map((r: { run_number: number }) => r.run_number));
      cursor = page.headers.get("X-Next-Cursor");
    }
    expect(seen).toEqual([5, 4, 3, 2, 1]);
    for (const q of [
      "_limit=0",
      "_limit=abc",
      "_cursor=%%%",
      "_cursor=bm90IGpzb24",
      "status:eq=asleep",
      "ts_epoch:ge=yesterday",
      "user_name:zz=a",
      "_tags:some=x",
    ]) {
      const r = await api.get(`/flows/TagFlow/runs?${q}`);
      expect([q, r.status]).toEqual([q, 400]);
      expect(typeof r.body.message).toBe("string");
    }
    expect((await api.get("/flows/NoFlow/runs?_limit=5")).status).toBe(404);
  });
});
