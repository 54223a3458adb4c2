// The runs list in every order and direction on both databases: walking the
// pages gives every matching run exactly once, in the order an in-test oracle
// computes (ties included), cursors of another order are refused with 400, and
// the plans read indexes in list order.
import { beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import type { Db } from "@/lib/db";
import { listRuns, type RunSummary } from "@/lib/data/runs-read";
import { loadBenchFixture } from "./fixtures/bench-fixture";
import { parseRunFilters, type RunFilters } from "@/lib/domain/run-filters";
import { SORT_KEYS, type RunSort } from "@/lib/domain/run-sort";
import { inListOrder, runIdsQuery, withRecordedNames } from "@/lib/data/runs-page-query";
import { durationQueries } from "@/lib/data/runs-sorted-query";
import { jsonRoute } from "@/lib/http/json-route";
import { handleListRuns } from "@/lib/http/runs-api";
import { sql } from "@/lib/data/sql";
import { createRun } from "@/lib/data/ingest";
import { dialectOf } from "@/lib/db";
import { queryInIndexOrder } from "@/lib/data/dialect";

const spec = { runs: 1200, seed: 5, nowMs: Date.UTC(2026, 0, 15, 12), spanMs: 2 * 86_400_000 };
const filters = (q: string) => parseRunFilters(new URLSearchParams(q), "global");

const has = (r: RunSummary, t: string) => r.tags.includes(t) || r.systemTags.includes(t);
const userOf = (r: RunSummary) =>
  r.systemTags
    .concat(r.tags)
    .filter((t) => t.startsWith("user:"))
    .sort()[0]
    ?.slice("user:".length) ?? null;
const durationOf = (r: RunSummary) => (r.finishedTs === null ? null : r.finishedTs - r.createdTs);
const newest = (a: RunSummary, b: RunSummary) => b.createdTs - a.createdTs || b.dbId - a.dbId;
const byUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function oracle(all: RunSummary[], f: RunFilters, sort: RunSort): number[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  const matching = all
    .filter((r) => f.namespace.kind === "global" || has(r, f.namespace.tag))
    .filter((r) => f.allTags.every((t) => has(r, t)) && (!f.anyTags.length || f.anyTags.some((t) => has(r, t))))
    .filter((r) => !f.notTags.some((t) => has(r, t)))
    .filter((r) => (!f.status || r.status === f.status) && (!f.flow || r.flow.toLowerCase() === f.flow.toLowerCase()) && (!f.user || has(r, `user:${f.user}`)));
  const compare = (a: RunSummary, b: RunSummary): number => {
    switch (sort.key) {
      case "start":
        return sign * (a.createdTs - b.createdTs || a.dbId - b.dbId);
      case "duration": {
        const [x, y] = [durationOf(a), durationOf(b)];
        if (x === null || y === null) return x === y ? newest(a, b) : x === null ? 1 : -1;
        return sign * (x - y || a.dbId - b.dbId);
      }
      default: {
        const value = sort.key === "status" ? (r: RunSummary) => r.status : sort.key === "flow" ? (r: RunSummary) => r.flow : userOf;
        const [x, y] = [value(a), value(b)];
        if (x === y) return newest(a, b);
        if (x === null || y === null) return x === null ? 1 : -1;
        return sign * byUnits(x, y);
      }
    }
  };
  return matching.sort(compare).map((r) => r.dbId);
}

async function walk(db: Db, q: string): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Awaited<ReturnType<typeof listRuns>> = await listRuns(db, filters(`${q}${cursor ? `&cursor=${cursor}` : ""}`), spec.nowMs);
    ids.push(...page.runs.map((r) => r.dbId));
    cursor = page.nextCursor;
    if (++pages > 2000) throw new Error("the pages never end");
  } while (cursor);
  return ids;
}

const QUERIES = [
  "namespace=global",
  "namespace=user:anne",
  "namespace=nightly",
  "namespace=user:anne&flow=PredictionFlow",
  "namespace=user:will&tag=experiment",
  "namespace=global&status=failed",
  "namespace=user:anne&anyTag=gpu&anyTag=debug&notTag=nightly",
  "namespace=global&user=maria",
  "namespace=global&flow=predictionflow&status=completed",
  "namespace=user:zed",
];
const SORTS: RunSort[] = SORT_KEYS.flatMap((key) => (["asc", "desc"] as const).map((dir) => ({ key, dir })));

forEachDatabase(
  "runs list orders",
  (t) => {
    let db: Db;
    let all: RunSummary[];

    beforeAll(async () => {
      ({ db } = await loadBenchFixture(t.config, spec));
      // Ties: 40 runs started at the same instant, the finished ones lasting the same.
      const tied = spec.nowMs - 3_600_000;
      await db.$executeRaw(sql`UPDATE runs SET created_ts = ${tied} WHERE id % 30 = 0`);
      await db.$executeRaw(sql`UPDATE runs SET finished_ts = created_ts + 5000 WHERE id % 30 = 0 AND finished_ts IS NOT NULL`);
      await db.$executeRaw(sql`UPDATE run_tags SET created_ts = ${tied} WHERE run_id % 30 = 0`);
      // A run in anne's namespace that also carries another user's tag (two owner-like tags).
      await createRun(db, "HelloFlow", { userName: "anne", systemTags: ["user:anne", "runtime:dev"], tags: ["user:zed", "experiment"] });
      const ids = (await db.run.findMany({ select: { id: true } })).map((r) => r.id);
      const { runsByIds } = await import("@/lib/data/runs-read");
      all = await runsByIds(db, ids, spec.nowMs);
      return () => db.$disconnect();
    });

    describe("walking the pages equals the oracle", () => {
      for (const sort of SORTS) {
        it(`sort=${sort.key}&dir=${sort.dir}`, async () => {
          let nonEmpty = 0;
          for (const q of QUERIES) {
            const expected = oracle(all, filters(q), sort);
            if (expected.length) nonEmpty++;
            const got = await walk(db, `${q}&sort=${sort.key}&dir=${sort.dir}&limit=${q === "namespace=global" ? 97 : 13}`);
            expect(got, q).toEqual(expected);
          }
          expect(nonEmpty).toBeGreaterThan(QUERIES.length - 2);
        });
      }
      it("the ties above are there", () => {
        const tied = all.filter((r) => r.dbId % 30 === 0);
        expect(new Set(tied.map((r) => r.createdTs)).size).toBe(1);
        expect(tied.filter((r) => r.finishedTs !== null).length).toBeGreaterThan(5);
        expect(all.some((r) => r.finishedTs === null)).toBe(true);
        expect(all.some((r) => userOf(r) === null)).toBe(true);
        expect(all.filter((r) => has(r, "user:anne") && has(r, "user:zed"))).toHaveLength(1);
      });
    });

    it("refuses a cursor of another order, or of the other direction, with 400", async () => {
      const route = jsonRoute((r: Request) => handleListRuns(db, r, "anne"));
      const get = async (q: string) => {
        const res = await route(new Request(`http://flowdeck.test/api/v1/runs?${q}`));
        return { status: res.status, body: await res.json() };
      };
      const first = await get("namespace=global&sort=duration&dir=asc&limit=5");
      expect(first.status).toBe(200);
      const cursor = first.body.nextCursor as string;
      expect((await get(`namespace=global&sort=duration&dir=asc&limit=5&cursor=${cursor}`)).status).toBe(200);
      for (const other of ["", "&sort=duration&dir=desc", "&sort=flow", "&sort=start&dir=asc"]) {
        const r = await get(`namespace=global${other}&cursor=${cursor}`);
        expect(r.status, other).toBe(400);
        expect(r.body.error.message).toMatch(/sorted by duration asc.*start again from the first page/);
      }
      const start = (await get("namespace=global&limit=5")).body.nextCursor as string;
      expect((await get(`namespace=global&sort=flow&cursor=${start}`)).status).toBe(400);
      expect((await get("namespace=global&sort=size")).status).toBe(400);
      expect((await get("namespace=global&sort=flow&dir=up")).status).toBe(400);
    });

    describe("plans oldest first walk the start-order indexes backwards, no sort", () => {
      for (const q of [
        "namespace=global",
        "namespace=user:anne",
        "namespace=user:anne&flow=PredictionFlow",
        "namespace=user:will&tag=experiment&tag=nightly",
      ]) {
        it(q, async () => {
          const page = (await runIdsQuery(db, filters(`${q}&sort=start&dir=asc`), spec.nowMs))!;
          if (t.kind === "sqlite") {
            const p = (await db.$queryRaw<{ detail: string }[]>(sql`EXPLAIN QUERY PLAN ${page.query}`)).map((r) => r.detail).join("\n");
            expect(p.replace(/SCAN [ab]\nUSE TEMP B-TREE FOR ORDER BY/g, "")).not.toMatch(/TEMP B-TREE|SCAN run_tags|SCAN x\b|SCAN d\b(?! USING)/);
          } else {
            const [row] = await inListOrder<{ "QUERY PLAN": unknown }>(db, sql`EXPLAIN (FORMAT JSON) ${page.query}`, page.joins);
            expect(JSON.stringify(row["QUERY PLAN"])).not.toMatch(/"Node Type":"(Hash|Hash Join|Gather|Gather Merge)"/);
          }
        });
      }
    });

    describe("plans by duration walk the duration index, no sort", () => {
      for (const q of [
        "namespace=global",
        "namespace=user:anne",
        "namespace=user:anne&flow=PredictionFlow&status=completed",
        "namespace=user:will&tag=experiment",
      ]) {
        for (const dir of ["asc", "desc"] as const) {
          it(`${q} ${dir}`, async () => {
            const f = await withRecordedNames(db, filters(q));
            const { finished, unfinished } = durationQueries(dialectOf(db), f, { key: "duration", dir }, spec.nowMs);
            for (const [query, index] of [
              [finished!, "runs_duration_id_idx"],
              [unfinished(50), "runs_finished_ts_created_ts_id_idx"],
            ] as const) {
              if (t.kind === "sqlite") {
                const p = (await db.$queryRaw<{ detail: string }[]>(sql`EXPLAIN QUERY PLAN ${query}`)).map((r) => r.detail).join("\n");
                expect(p).toContain(index);
                expect(p).not.toMatch(/TEMP B-TREE|SCAN run_tags|SCAN x\b/);
              } else {
                const [row] = await queryInIndexOrder<{ "QUERY PLAN": unknown }>(db, "postgresql", sql`EXPLAIN (FORMAT JSON) ${query}`);
                const p = JSON.stringify(row["QUERY PLAN"]);
                expect(p).not.toMatch(/"Node Type":"(Hash|Hash Join|Gather|Gather Merge)"/);
              }
            }
          });
        }
      }
    });
  },
  { client: false },
);
