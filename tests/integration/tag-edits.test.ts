// Tag editing over real HTTP on SQLite and PostgreSQL: the dashboard API's
// PATCH and bulk edits, the metadata API's tag/mutate and the data layer
// together; limits; the audit history of every path.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { APP_START_TIMEOUT, metadataClient, startApp, systemTags, type AppServer, type MetadataClient } from "../setup/metadata-servers";
import { createFlow, createRun } from "@/lib/data/ingest";
import { editRunsTags, mutateRunTags } from "@/lib/data/tags-write";
import { expectedUserTags } from "@/lib/domain/tag-edit";
import { MAX_USER_TAGS } from "@/lib/domain/tags";
import type { AuditEntry } from "@/lib/data/audit-read";

type Reply = { status: number; body: any };

function dashboardClient(app: AppServer, user: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const res = await fetch(`${app.url}/api/v1${path}`, {
      method,
      headers: { cookie: `flowdeck-user=${user}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed };
  };
}

forEachDatabase("tag edits", (t) => {
  let app: AppServer;
  let meta: MetadataClient;
  let v1: ReturnType<typeof dashboardClient>;
  const tagsOf = async (run: number) => (await meta.get(`/flows/EditFlow/runs/${run}`)).body.tags as string[];
  const history = async (run: number): Promise<AuditEntry[]> => (await v1("GET", `/runs/EditFlow/${run}/tag-history?limit=200`)).body.events;

  beforeAll(async () => {
    app = await startApp({ databaseUrl: t.url });
    meta = metadataClient(app);
    v1 = dashboardClient(app, "anne");
    await createFlow(t.db, "EditFlow", { userName: "anne" });
    for (let i = 0; i < 12; i++) {
      const user = i % 3 === 0 ? "will" : "anne";
      await createRun(t.db, "EditFlow", { userName: user, tags: i < 6 ? ["batch"] : [], systemTags: systemTags(user), tsEpoch: 1_700_000_000_000 + i * 1000 });
    }
  }, APP_START_TIMEOUT);
  afterAll(async () => app?.stop());

  describe("one run", () => {
    it("adds and removes in one PATCH, removals first, and answers the tags", async () => {
      const r = await v1("PATCH", "/runs/EditFlow/2/tags", { add: ["candidate", "x"], remove: ["batch", "x"] });
      expect(r.status).toBe(200);
      expect(r.body.tags).toEqual(["candidate", "x"]);
      expect(r.body.systemTags).toContain("user:anne");
      expect(await tagsOf(2)).toEqual(["candidate", "x"]);
      const ren = await v1("PATCH", "/runs/EditFlow/2/tags", { add: ["renamed"], remove: ["x"] });
      expect(ren.body.tags).toEqual(["candidate", "renamed"]);
    });

    it("refuses bad input with a clear message and changes nothing", async () => {
      const before = await tagsOf(3);
      const cases: [unknown, number, RegExp][] = [
        [{ add: ["x".repeat(501)] }, 400, /too long 501 > 500/],
        [{ add: [""] }, 400, /must not be empty/],
        [{ add: ["a\u0000b"] }, 400, /NUL/],
        [{ add: ["\ud800"] }, 400, /UTF-8/],
        [{ add: [42] }, 400, /strings/],
        [{ add: [], remove: [] }, 400, /at least one tag/],
        [{ add: ["fine"], remove: ["user:anne"] }, 422, /system tags \{'user:anne'\}/],
        [{ add: Array.from({ length: MAX_USER_TAGS + 1 }, (_, i) => `t${i}`) }, 422, /beyond 50/],
      ];
      for (const [body, status, message] of cases) {
        const r = await v1("PATCH", "/runs/EditFlow/3/tags", body);
        expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(status);
        expect(r.body.error.message).toMatch(message);
      }
      expect((await v1("PATCH", "/runs/EditFlow/3/tags", "{not json")).status).toBe(400);
      expect((await v1("PATCH", "/runs/EditFlow/3/tags", { add: ["a"] }, { "content-type": "text/plain" })).status).toBe(400);
      expect((await v1("PATCH", "/runs/EditFlow/999/tags", { add: ["a"] })).status).toBe(404);
      expect((await v1("PATCH", "/runs/Not..A..Flow/1/tags", { add: ["a"] })).status).toBe(400);
      expect(await tagsOf(3)).toEqual(before);
      expect(await history(3)).toEqual([]);
    });

    it("never moves a run in the list", async () => {
      const order = async () =>
        (await v1("GET", "/runs?namespace=global&flow=EditFlow&limit=200")).body.runs.map((r: { runNumber: number; createdTs: number }) => [
          r.runNumber,
          r.createdTs,
        ]);
      const before = await order();
      await v1("PATCH", "/runs/EditFlow/1/tags", { add: ["moved?"] });
      expect(await order()).toEqual(before);
    });

    it("keeps all of 50 concurrent edits through PATCH, the metadata API and the data layer", async () => {
      const tags = Array.from({ length: 48 }, (_, i) => `c${String(i).padStart(2, "0")}`);
      const results = await Promise.all(
        tags
          .map((tag, i) => {
            if (i % 3 === 0) return v1("PATCH", "/runs/EditFlow/4/tags", { add: [tag] }).then((r) => r.status);
            if (i % 3 === 1) return meta.patch("/flows/EditFlow/runs/4/tag/mutate", { tags_to_add: [tag] }).then((r) => r.status);
            return mutateRunTags(t.db, "EditFlow", "4", [tag], [], { user: "tester", source: "cli" }).then(() => 200);
          })
          .concat([
            v1("PATCH", "/runs/EditFlow/4/tags", { remove: ["batch"] }).then((r) => r.status),
            meta.patch("/flows/EditFlow/runs/4/tag/mutate", { tags_to_add: ["last"], tags_to_remove: ["c00"] }).then((r) => r.status),
          ]),
      );
      expect(results).toEqual(Array(50).fill(200));
      const final = await tagsOf(4);
      expect(new Set(final)).toEqual(new Set([...tags.filter((x) => x !== "c00" || final.includes("c00")), "last"]));
      expect(final).not.toContain("batch");
      expect(final).toHaveLength(final.includes("c00") ? 49 : 48);
      // one history row per change, nothing lost
      const rows = await history(4);
      expect(rows.filter((e) => e.added.some((x) => x.startsWith("c")))).toHaveLength(48);
      const counts = (await t.db.tagStat.findMany({ where: { tag: { in: tags } } })).map((s) => s.runCount);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(final.filter((x) => x.startsWith("c")).length);
    });

    it("records who, when and from where for every path of change", async () => {
      await v1("PATCH", "/runs/EditFlow/5/tags", { add: ["from-api"] });
      await v1("PATCH", "/runs/EditFlow/5/tags", { add: ["from-cli"] }, { "x-flowdeck-client": "cli" });
      await meta.patch("/flows/EditFlow/runs/5/tag/mutate", { tags_to_add: ["from-metaflow"], tags_to_remove: ["batch"] });
      const [run5] = await t.db.run.findMany({ where: { flowName: "EditFlow", runNumber: 5 } });
      await editRunsTags(t.db, [run5.id], { add: ["from-ui"], remove: ["from-api"] }, { user: "will", source: "ui" });
      await v1("POST", "/tag-edits", { runs: ["EditFlow/5"], add: ["from-bulk"] });
      const rows = await history(5);
      expect(rows.map((e) => [e.actor, e.source, e.added, e.removed])).toEqual([
        ["anne", "api", ["from-bulk"], []],
        ["will", "ui", ["from-ui"], ["from-api"]],
        ["metaflow-client", "metadata-api", ["from-metaflow"], ["batch"]],
        ["anne", "cli", ["from-cli"], []],
        ["anne", "api", ["from-api"], []],
      ]);
      expect(rows.every((e) => e.subject === "EditFlow/5" && e.kind === "tags_changed" && e.ts > 1_700_000_000_000)).toBe(true);
    });
  });

  describe("many runs", () => {
    it("adds by a list of runs: changed, unchanged and failed as a model says", async () => {
      // run 7 is full: the bulk add must fail for it alone
      await mutateRunTags(
        t.db,
        "EditFlow",
        "7",
        Array.from({ length: MAX_USER_TAGS }, (_, i) => `full${i}`),
        [],
        { user: "tester", source: "api" },
      );
      await mutateRunTags(t.db, "EditFlow", "8", ["reviewed"], [], { user: "tester", source: "api" });
      const runs = [6, 7, 8, 9, 404];
      const before = new Map<number, string[]>();
      for (const r of runs.slice(0, 4)) before.set(r, await tagsOf(r));
      const r = await v1("POST", "/tag-edits", { runs: runs.map((n) => `EditFlow/${n}`), add: ["reviewed"] });
      expect(r.status).toBe(200);
      // the model: a run changes unless it already had the tag; a full one fails
      const model = { changed: 0, unchanged: 0, failed: [] as string[] };
      for (const [n, tags] of before) {
        if (tags.includes("reviewed")) model.unchanged++;
        else if (tags.length >= MAX_USER_TAGS) model.failed.push(`EditFlow/${n}`);
        else model.changed++;
      }
      model.failed.push("EditFlow/404");
      expect({ changed: r.body.changed, unchanged: r.body.unchanged, failed: r.body.failed.map((f: { run: string }) => f.run).sort() }).toEqual({
        ...model,
        failed: model.failed.sort(),
      });
      expect(r.body.failed.find((f: { run: string }) => f.run === "EditFlow/7").error).toBe("EditFlow/7 already has 50 tags");
      expect(r.body.failed.find((f: { run: string }) => f.run === "EditFlow/404").error).toBe("EditFlow/404 does not exist");
      for (const [n, tags] of before) {
        const expected = tags.length >= MAX_USER_TAGS ? tags : expectedUserTags({ tags, systemTags: [] }, { add: ["reviewed"], remove: [] });
        expect(await tagsOf(n)).toEqual(expected);
      }
    });

    it("selects by filter on the server and removes again", async () => {
      const count = await v1("GET", "/runs/count?namespace=user:anne&flow=EditFlow&tag=batch");
      const listed = (await v1("GET", "/runs?namespace=user:anne&flow=EditFlow&tag=batch&limit=200")).body.runs as { runNumber: number }[];
      expect(count.body).toEqual({ count: listed.length, capped: false });
      const filter = { namespace: "user:anne", flow: "EditFlow", tag: "batch" };
      const add = await v1("POST", "/tag-edits", { filter, add: ["by-filter"] });
      expect(add.body).toEqual({ changed: listed.length, unchanged: 0, failed: [] });
      const tagged = (await v1("GET", "/runs?namespace=global&tag=by-filter&limit=200")).body.runs.map((r: { runNumber: number }) => r.runNumber);
      expect(tagged.sort()).toEqual(listed.map((r) => r.runNumber).sort());
      const remove = await v1("POST", "/tag-edits", { filter: { namespace: "global", tag: "by-filter" }, remove: ["by-filter"] });
      expect(remove.body.changed).toBe(listed.length);
      expect((await v1("GET", "/runs?namespace=global&tag=by-filter")).body.runs).toEqual([]);
    });

    it("refuses a bulk edit naming no run, too many runs, both or neither, or bad filters", async () => {
      const bad: [unknown, RegExp][] = [
        [{ runs: [], add: ["a"] }, /at least one run/],
        [{ runs: Array.from({ length: 100_001 }, (_, i) => `EditFlow/${i}`), add: ["a"] }, /At most 100,000 runs/],
        [{ add: ["a"] }, /either runs .* or filter/],
        [{ runs: ["EditFlow/1"], filter: {}, add: ["a"] }, /either runs .* or filter/],
        [{ runs: ["EditFlow/1"] }, /at least one tag/],
        [{ runs: ["EditFlow//1"], add: ["a"] }, /"EditFlow\/\/1" has an empty part between two slashes/],
        [{ filter: { status: "sleeping" }, add: ["a"] }, /status must be one of/],
        [{ filter: { colour: "red" }, add: ["a"] }, /colour|Unrecognized/i],
      ];
      for (const [body, message] of bad) {
        const r = await v1("POST", "/tag-edits", body);
        expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(r.body.error.message).toMatch(message);
      }
    });
  });

  describe("the audit history", () => {
    it("filters by user, tag, run and time, and pages by cursor", async () => {
      const all = (await v1("GET", "/audit?limit=200")).body.events as AuditEntry[];
      expect(all.length).toBeGreaterThan(20);
      for (let i = 1; i < all.length; i++) expect(all[i - 1].ts >= all[i].ts).toBe(true);
      const wills = (await v1("GET", "/audit?user=will&limit=200")).body.events as AuditEntry[];
      expect(wills.length).toBeGreaterThan(0);
      expect(wills.every((e) => e.actor === "will")).toBe(true);
      const byTag = (await v1("GET", "/audit?tag=from-api")).body.events as AuditEntry[];
      expect(byTag.map((e) => [e.actor, e.added, e.removed])).toEqual([
        ["will", ["from-ui"], ["from-api"]],
        ["anne", ["from-api"], []],
      ]);
      const byRun = (await v1("GET", "/audit?run=EditFlow/5&limit=200")).body.events as AuditEntry[];
      expect(byRun.map((e) => e.id)).toEqual((await history(5)).map((e) => e.id));
      expect((await v1("GET", `/audit?since=${all[0].ts + 1}`)).body.events).toEqual([]);
      expect((await v1("GET", `/audit?until=${all.at(-1)!.ts}`)).body.events).toEqual([]);
      // pages of 7 add up to the whole history, in order, without repeats
      const paged: number[] = [];
      let cursor: string | null = null;
      do {
        const page: Reply = await v1("GET", `/audit?limit=7${cursor ? `&cursor=${cursor}` : ""}`);
        paged.push(...page.body.events.map((e: AuditEntry) => e.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all.map((e) => e.id));
      expect((await v1("GET", "/audit?cursor=nonsense")).status).toBe(400);
      expect((await v1("GET", "/audit?run=EditFlow")).status).toBe(400);
      expect((await v1("GET", "/audit?limit=1000")).status).toBe(400);
      expect((await v1("GET", "/audit?run=EditFlow/999")).body.events).toEqual([]);
    });
  });

  // Lists read run_tag_sets, which triggers keep; run_tags is what filters use.
  it("leaves every run's tag set equal to its rows in run_tags after all these edits", async () => {
    const runs = await t.db.run.findMany({ select: { id: true, tagSet: { select: { tagsJson: true } } }, orderBy: { id: "asc" } });
    const rows = await t.db.runTag.findMany({ select: { runId: true, tag: true, system: true } });
    const pairs = (list: [string, unknown][]) => list.map(([tag, system]) => `${tag}|${system === true || system === 1}`).sort();
    for (const run of runs) {
      const expected = pairs(rows.filter((r) => r.runId === run.id).map((r) => [r.tag, r.system]));
      expect(pairs(JSON.parse(run.tagSet?.tagsJson ?? "[]")), `run ${run.id}`).toEqual(expected);
    }
    expect(runs.length).toBeGreaterThan(10);
    expect(rows.length).toBeGreaterThan(runs.length);
  });

  it("keeps a run's tag set through direct changes of run_tags: several rows at once, a changed kind, the last one removed", async () => {
    const run = (await createRun(t.db, "EditFlow", { userName: "anne", tags: ["p", "q", "r"], systemTags: ["user:anne"] })).dbId;
    const set = async () => {
      const row = await t.db.runTagSet.findUnique({ where: { runId: run } });
      return (JSON.parse(row?.tagsJson ?? "[]") as [string, unknown][]).map(([tag, system]) => `${tag}|${system === true || system === 1}`).sort();
    };
    expect(await set()).toEqual(["p|false", "q|false", "r|false", "user:anne|true"]);
    await t.db.runTag.deleteMany({ where: { runId: run, tag: { in: ["p", "r"] } } });
    expect(await set()).toEqual(["q|false", "user:anne|true"]);
    await t.db.runTag.updateMany({ where: { runId: run, tag: "q" }, data: { system: true } });
    expect(await set()).toEqual(["q|true", "user:anne|true"]);
    await t.db.runTag.deleteMany({ where: { runId: run } });
    expect(await set()).toEqual([]);
    expect((await meta.get(`/flows/EditFlow/runs/${(await t.db.run.findUnique({ where: { id: run } }))!.runNumber}`)).body.tags).toEqual([]);
  });
});
