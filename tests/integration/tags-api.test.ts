// GET /api/v1/tags: prefix autocomplete from tag_stats on both databases.
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { loadDemo } from "@/lib/demo/load";
import { createRun } from "@/lib/data/ingest";
import { mutateRunTags } from "@/lib/data/tags-write";
import { handleSuggestTags } from "@/lib/http/runs-api";
import { jsonRoute } from "@/lib/http/json-route";
import type { TagSuggestion } from "@/lib/domain/tag-suggestions";
import type { Db } from "@/lib/db";

async function suggest(db: Db, query: string) {
  const res = await jsonRoute((r: Request) => handleSuggestTags(db, r))(new Request(`http://flowdeck.test/api/v1/tags?${query}`));
  return { status: res.status, body: await res.json() };
}
async function values(db: Db, prefix: string): Promise<string[]> {
  const { status, body } = await suggest(db, `prefix=${encodeURIComponent(prefix)}`);
  expect(status).toBe(200);
  return (body.suggestions as TagSuggestion[]).map((s) => s.value);
}

forEachDatabase("tags API", (t) => {
  beforeAll(async () => {
    await loadDemo(t.db);
  });

  it("completes a prefix, most used first", async () => {
    expect(await values(t.db, "cra")).toEqual(["crazy_test"]);
    const users = (await suggest(t.db, "prefix=user:")).body.suggestions as TagSuggestion[];
    expect(users.map((s) => s.value).sort()).toEqual(["user:anne", "user:will"]);
    expect(users[0].runCount).toBeGreaterThanOrEqual(users[1].runCount);
    expect(users.every((s) => s.system && s.kind === "tag")).toBe(true);
    expect(await values(t.db, "nothing-starts-like-this")).toEqual([]);
  });

  it("offers the key first, then its values", async () => {
    await createRun(t.db, "HelloFlow", { userName: "anne", tags: ["date:2020-06-02", "dataset:small"], systemTags: ["user:anne"] });
    const keys = (await suggest(t.db, "prefix=da")).body.suggestions as TagSuggestion[];
    expect(keys.find((s) => s.value === "date:")).toMatchObject({ kind: "key", system: false, runCount: 4 });
    expect(keys.map((s) => s.value)).toContain("dataset:small");
    expect(await values(t.db, "date:")).toEqual(["date:2020-06-01", "date:2020-06-02"]);
    expect(await values(t.db, "date:2020-06-02")).toEqual(["date:2020-06-02"]);
  });

  it("leaves out tags no run carries any more", async () => {
    await mutateRunTags(t.db, "HelloFlow", "7", ["fleeting"], [], { user: "tester", source: "api" });
    expect(await values(t.db, "flee")).toEqual(["fleeting"]);
    await mutateRunTags(t.db, "HelloFlow", "7", [], ["fleeting"], { user: "tester", source: "api" });
    expect(await values(t.db, "flee")).toEqual([]);
  });

  it("is bounded", async () => {
    for (let i = 0; i < 30; i++) await mutateRunTags(t.db, "HelloFlow", "7", [`bulk-${String(i).padStart(2, "0")}`], [], { user: "tester", source: "api" });
    expect(await values(t.db, "bulk-")).toHaveLength(20);
    expect(await values(t.db, "")).toHaveLength(20);
    const five = await suggest(t.db, "prefix=bulk-&limit=5");
    expect(five.body.suggestions).toHaveLength(5);
  });

  it("matches prefixes literally, including characters SQL treats specially", async () => {
    await mutateRunTags(t.db, "HelloFlow", "7", ["100%_done", "100x_done", "ünïcode:✓"], [], { user: "tester", source: "api" });
    expect(await values(t.db, "100%")).toEqual(["100%_done"]);
    expect(await values(t.db, "ünï")).toEqual(["ünïcode:✓"]);
  });

  it("refuses bad parameters with a message", async () => {
    const long = await suggest(t.db, `prefix=${"x".repeat(501)}`);
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/prefix must be at most 500/);
    const limit = await suggest(t.db, "limit=21");
    expect(limit.status).toBe(400);
    expect(limit.body.error.message).toMatch(/limit must be at most 20/);
  });
});
