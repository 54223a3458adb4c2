// GET /api/v1/runs on both databases, over the demo story: every filter alone,
// their combinations against an in-test oracle, bad parameters, and keyset
// pagination while new runs arrive.
import { beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { loadDemo } from "@/lib/demo/load";
import { createFlow, createRun } from "@/lib/data/ingest";
import { handleListRuns } from "@/lib/http/runs-api";
import type { RunSummary } from "@/lib/data/runs-read";
import type { Db } from "@/lib/db";

type Page = { runs: RunSummary[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; message: string } };

async function call(db: Db, query: string, user = "anne") {
  const res = await handleListRuns(db, new Request(`http://flowdeck.test/api/v1/runs?${query}`), user);
  return { status: res.status, body: await res.json() };
}

async function page(db: Db, query: string, user = "anne"): Promise<Page> {
  const { status, body } = await call(db, query, user);
  if (status !== 200) throw new Error(`GET ?${query} answered ${status}: ${JSON.stringify(body)}`);
  return body as Page;
}

/** Calls through the route's error mapping, as the app does. */
async function failure(db: Db, query: string): Promise<{ status: number; body: ErrorBody }> {
  const { jsonRoute } = await import("@/lib/http/json-route");
  const res = await jsonRoute((r: Request) => handleListRuns(db, r, "anne"))(new Request(`http://flowdeck.test/api/v1/runs?${query}`));
  return { status: res.status, body: await res.json() };
}

const names = (runs: RunSummary[]) => runs.map((r) => r.pathspec);

forEachDatabase("runs API", (t) => {
  let all: RunSummary[] = [];
  let production = "";

  beforeAll(async () => {
    await loadDemo(t.db);
    const deployment = await t.db.deployment.findFirstOrThrow();
    production = `production:${deployment.token}`;
    all = (await page(t.db, "namespace=global&limit=200")).runs;
  });

  describe("namespaces", () => {
    it("defaults to the caller's own namespace, newest first", async () => {
      const { runs, nextCursor } = await page(t.db, "");
      expect(nextCursor).toBeNull();
      expect(runs.every((r) => r.systemTags.includes("user:anne"))).toBe(true);
      expect(names(runs)).toEqual([
        "PredictionFlow/8",
        "PredictionFlow/7",
        "FeatureFlow/34",
        "PredictionFlow/3",
        "PredictionFlow/1",
        "FeatureFlow/29",
        "HelloFlow/5",
        "HelloFlow/2",
        "HelloFlow/1",
      ]);
      expect(names((await page(t.db, "", "will")).runs)[0]).toBe("PredictionFlow/5");
    });

    it("shows another person's namespace", async () => {
      const runs = (await page(t.db, "namespace=user:will")).runs;
      expect(runs.find((r) => r.flow === "PredictionFlow")?.pathspec).toBe("PredictionFlow/5");
      expect(runs.every((r) => r.userName === "will")).toBe(true);
    });

    it("shows a production namespace: the deployment's runs, not the deployer's", async () => {
      const runs = (await page(t.db, `namespace=${encodeURIComponent(production)}`)).runs;
      expect(names(runs)).toEqual(["PredictionFlow/9", "PredictionFlow/6", "PredictionFlow/4"]);
      expect(runs.every((r) => !r.systemTags.includes("user:anne"))).toBe(true);
    });

    it("treats any tag as a namespace", async () => {
      expect(names((await page(t.db, "namespace=xyz_features")).runs)).toEqual(["FeatureFlow/34", "FeatureFlow/33", "FeatureFlow/31", "FeatureFlow/28"]);
    });

    it("shows everything in the global namespace", async () => {
      expect(all).toHaveLength(await t.db.run.count());
      expect(all).toHaveLength(20);
      const created = all.map((r) => r.createdTs);
      expect(created).toEqual([...created].sort((a, b) => b - a));
    });

    it("finds nothing in a namespace nobody uses", async () => {
      expect(await page(t.db, "namespace=user:nobody")).toEqual({ runs: [], nextCursor: null });
    });
  });

  describe("filters", () => {
    it("all of several tags (AND), within the namespace", async () => {
      expect(names((await page(t.db, "namespace=global&tag=crazy_test&tag=date:2020-06-01")).runs)).toEqual(["HelloFlow/4", "HelloFlow/2"]);
      expect(names((await page(t.db, "tag=crazy_test&tag=date:2020-06-01")).runs)).toEqual(["HelloFlow/2"]);
    });

    it("flow and user names match whatever their case", async () => {
      const exact = names((await page(t.db, "namespace=global&flow=HelloFlow&user=anne")).runs);
      expect(exact.length).toBeGreaterThan(0);
      expect(names((await page(t.db, "namespace=global&flow=helloflow&user=ANNE")).runs)).toEqual(exact);
      expect((await page(t.db, "namespace=global&flow=NoSuchFlow")).runs).toEqual([]);
    });

    it("any of several tags", async () => {
      expect(names((await page(t.db, "namespace=global&anyTag=baseline&anyTag=candidate")).runs)).toEqual(["PredictionFlow/8", "PredictionFlow/3"]);
    });

    it("none of several tags", async () => {
      const runs = (await page(t.db, "namespace=global&flow=HelloFlow&notTag=crazy_test")).runs;
      expect(names(runs)).toEqual(["HelloFlow/3"]);
      const none = (await page(t.db, "namespace=global&notTag=crazy_test&notTag=xyz_features")).runs;
      expect(none.some((r) => r.tags.includes("crazy_test") || r.tags.includes("xyz_features"))).toBe(false);
      expect(none).toHaveLength(20 - 5 - 4);
    });

    it("status running, completed and failed", async () => {
      expect(names((await page(t.db, "namespace=global&status=running")).runs)).toEqual(["PredictionFlow/9"]);
      expect(names((await page(t.db, "namespace=global&status=failed")).runs)).toEqual(["PredictionFlow/7", "FeatureFlow/31", "HelloFlow/5"]);
      const completed = (await page(t.db, "namespace=global&status=completed")).runs;
      expect(completed).toHaveLength(16);
      expect(completed.every((r) => r.status === "completed")).toBe(true);
    });

    it("flow and user", async () => {
      expect(names((await page(t.db, "namespace=global&flow=FeatureFlow")).runs)).toEqual([
        "FeatureFlow/34",
        "FeatureFlow/33",
        "FeatureFlow/31",
        "FeatureFlow/29",
        "FeatureFlow/28",
      ]);
      expect((await page(t.db, "namespace=global&flow=NoSuchFlow")).runs).toEqual([]);
      const will = (await page(t.db, "namespace=global&user=will")).runs;
      expect(will).toHaveLength(8);
      expect(will.every((r) => r.userName === "will")).toBe(true);
    });

    it("time range: since inclusive, until exclusive, epoch ms or ISO dates", async () => {
      const p6 = all.find((r) => r.pathspec === "PredictionFlow/6")!;
      const since = (await page(t.db, `namespace=global&since=${p6.createdTs}`)).runs;
      expect(since.at(-1)?.pathspec).toBe("PredictionFlow/6");
      expect(since.every((r) => r.createdTs >= p6.createdTs)).toBe(true);
      const until = (await page(t.db, `namespace=global&until=${p6.createdTs}`)).runs;
      expect(until.some((r) => r.pathspec === "PredictionFlow/6")).toBe(false);
      expect(since.length + until.length).toBe(20);
      const iso = new Date(p6.createdTs).toISOString();
      expect(names((await page(t.db, `namespace=global&since=${iso}`)).runs)).toEqual(names(since));
      expect((await page(t.db, "namespace=global&until=2000-01-01")).runs).toEqual([]);
    });

    it("limit and the keyset cursor walk the whole list", async () => {
      const seen: RunSummary[] = [];
      let cursor: string | null = null;
      do {
        const p: Page = await page(t.db, `namespace=global&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
        expect(p.runs.length).toBeLessThanOrEqual(3);
        seen.push(...p.runs);
        cursor = p.nextCursor;
      } while (cursor);
      expect(names(seen)).toEqual(names(all));
    });

    it("every combination of namespace, tags, status and flow matches the rules", async () => {
      const namespaces = ["global", "user:anne", "user:will", production, "xyz_features"];
      const tagFilters = ["", "tag=crazy_test", "anyTag=baseline&anyTag=crazy_test", "notTag=crazy_test", "tag=experiment:lr-sweep&notTag=candidate"];
      const statuses = ["", "running", "completed", "failed"];
      const flows = ["", "HelloFlow", "PredictionFlow"];
      const users = ["", "will"];
      let nonEmpty = 0;
      for (const ns of namespaces)
        for (const tf of tagFilters)
          for (const status of statuses)
            for (const flow of flows)
              for (const user of users) {
                const q = new URLSearchParams(tf);
                q.set("namespace", ns);
                if (status) q.set("status", status);
                if (flow) q.set("flow", flow);
                if (user) q.set("user", user);
                const expected = all.filter((r) => {
                  const tags = [...r.tags, ...r.systemTags];
                  return (
                    (ns === "global" || tags.includes(ns)) &&
                    q.getAll("tag").every((x) => tags.includes(x)) &&
                    (!q.getAll("anyTag").length || q.getAll("anyTag").some((x) => tags.includes(x))) &&
                    !q.getAll("notTag").some((x) => tags.includes(x)) &&
                    (!status || r.status === status) &&
                    (!flow || r.flow === flow) &&
                    (!user || tags.includes(`user:${user}`))
                  );
                });
                const got = (await page(t.db, q.toString())).runs;
                expect(names(got), `?${q}`).toEqual(names(expected));
                if (expected.length) nonEmpty++;
              }
      expect(nonEmpty).toBeGreaterThan(40);
    });
  });

  describe("bad parameters answer 400 with a message", () => {
    it.each([
      ["status=sleeping", /status must be one of running, completed, failed/],
      ["cursor=not-a-cursor", /cursor is malformed/],
      [`cursor=${Buffer.from('["x",1]').toString("base64url")}`, /cursor is malformed/],
      ["limit=0", /limit must be at least 1/],
      ["limit=201", /limit must be at most 200/],
      ["limit=abc", /limit must be a number/],
      ["limit=2.5", /limit must be a whole number/],
      [`tag=${"x".repeat(501)}`, /too long 501 > 500/],
      [`notTag=${"x".repeat(501)}`, /too long/],
      ["since=yesterday-ish", /is not a time/],
      [`namespace=${"n".repeat(501)}`, /is not a namespace/],
    ])("%s", async (query, message) => {
      const { status, body } = await failure(t.db, query);
      expect(status).toBe(400);
      expect(body.error.code).toBe("bad_request");
      expect(body.error.message).toMatch(message);
    });
  });

  describe("keyset pagination while runs arrive", () => {
    it("neither skips nor repeats a run", async () => {
      await createFlow(t.db, "PagingFlow", { userName: "anne" });
      const base = Date.now() - 60_000;
      const make = (ts?: number) => createRun(t.db, "PagingFlow", { userName: "anne", tags: ["paging"], systemTags: ["user:anne"], tsEpoch: ts });
      // Groups of runs share a creation time: the id breaks ties.
      for (let i = 0; i < 25; i++) await make(base + Math.floor(i / 4) * 1000);
      const before = new Set(names((await page(t.db, "namespace=paging&limit=200")).runs));
      expect(before.size).toBe(25);

      const seen: string[] = [];
      let cursor: string | null = null;
      let arrived = 0;
      do {
        const p: Page = await page(t.db, `namespace=paging&limit=4${cursor ? `&cursor=${cursor}` : ""}`);
        seen.push(...names(p.runs));
        cursor = p.nextCursor;
        // New runs between page fetches: newest, and one sharing the newest old time.
        await make();
        await make(base + 6 * 1000);
        arrived += 2;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((s) => before.has(s))).toEqual([...before]);
      expect(seen.length).toBe(25);
      expect(arrived).toBeGreaterThan(10);
    });

    it("the same filters through the driver tag and through the runs table agree", async () => {
      const viaTag = names((await page(t.db, "namespace=paging&flow=PagingFlow&limit=200")).runs);
      const viaRuns = names((await page(t.db, "namespace=global&flow=PagingFlow&limit=200")).runs);
      expect(viaTag).toEqual(viaRuns);
    });
  });
});
