// The runs page query on a generated database with realistic tag frequencies:
// every page walk equals a brute-force filter of all runs, and the plans read
// an index in list order (no sort of a namespace, no hash of a tag range), so
// a page keeps its cost as runs pile up (npm run bench:list measures it at 1M).
// SQLite's plans are pinned by name, so they are the same at any size.
import { beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import type { Db } from "@/lib/db";
import { listRuns, type RunSummary } from "@/lib/data/runs-read";
import { loadBenchFixture } from "./fixtures/bench-fixture";
import { inListOrder, runIdsQuery } from "@/lib/data/runs-page-query";
import { parseRunFilters, type RunFilters } from "@/lib/domain/run-filters";
import { createRun } from "@/lib/data/ingest";
import { mutateRunTags } from "@/lib/data/tags-write";
import { sql } from "@/lib/data/sql";

const spec = { runs: 2500, seed: 11, nowMs: Date.UTC(2026, 0, 15, 12), spanMs: 3 * 86_400_000 };
const filters = (q: string) => parseRunFilters(new URLSearchParams(q), "global");

function oracle(all: RunSummary[], f: RunFilters): number[] {
  const has = (r: RunSummary, t: string) => r.tags.includes(t) || r.systemTags.includes(t);
  return all
    .filter((r) => f.namespace.kind === "global" || has(r, f.namespace.tag))
    .filter((r) => f.allTags.every((t) => has(r, t)) && (!f.anyTags.length || f.anyTags.some((t) => has(r, t))))
    .filter((r) => !f.notTags.some((t) => has(r, t)))
    .filter((r) => (!f.status || r.status === f.status) && (!f.flow || r.flow === f.flow) && (!f.user || has(r, `user:${f.user}`)))
    .filter((r) => (f.since === undefined || r.createdTs >= f.since) && (f.until === undefined || r.createdTs < f.until))
    .sort((a, b) => b.createdTs - a.createdTs || b.dbId - a.dbId)
    .map((r) => r.dbId);
}

async function walk(db: Db, q: string): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listRuns>> = await listRuns(db, filters(`${q}${cursor ? `&cursor=${cursor}` : ""}`), spec.nowMs);
    ids.push(...page.runs.map((r) => r.dbId));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

const day = new Date(spec.nowMs - 86_400_000).toISOString().slice(0, 10);
const QUERIES = [
  "namespace=user:anne",
  "namespace=user:raj",
  "namespace=nightly",
  "namespace=global&flow=PredictionFlow",
  "namespace=user:anne&tag=nightly&tag=experiment",
  "namespace=user:will&tag=crazy_test&tag=model:xgb",
  `namespace=user:anne&tag=date:${day}`,
  "namespace=user:anne&tag=nightly&status=failed",
  "namespace=user:anne&status=running",
  "namespace=global&status=running",
  "namespace=user:anne&tag=nightly&status=running",
  "namespace=global&status=failed",
  "namespace=user:chen&status=completed&flow=PredictionFlow",
  "namespace=user:anne&anyTag=gpu&anyTag=debug",
  "namespace=user:anne&notTag=nightly&tag=baseline",
  "namespace=global&user=maria&tag=experiment",
  `namespace=global&since=${spec.nowMs - 86_400_000}&until=${spec.nowMs - 3_600_000}&tag=nightly`,
  "namespace=user:anne&tag=no-such-tag",
];

forEachDatabase(
  "runs page query at scale",
  (t) => {
    let db: Db;
    let all: RunSummary[];

    beforeAll(async () => {
      ({ db, runs: all } = await loadBenchFixture(t.config, spec));
      return () => db.$disconnect();
    });

    describe("pages equal a brute-force filter of every run", () => {
      for (const q of QUERIES) {
        it(q, async () => {
          const expected = oracle(all, filters(q));
          expect(await walk(db, `${q}&limit=37`)).toEqual(expected);
        });
      }
      it("the filters above select something", () => {
        expect(QUERIES.filter((q) => oracle(all, filters(q)).length > 0).length).toBeGreaterThan(QUERIES.length - 3);
      });
    });

    it("keeps runs with several owner-like tags in each of those namespaces", async () => {
      const sys = ["user:anne", "runtime:dev"];
      const both = await createRun(db, "HelloFlow", { userName: "anne", systemTags: sys, tags: ["user:bob", "owner_test"] });
      const later = await createRun(db, "HelloFlow", { userName: "anne", systemTags: sys, tags: ["owner_test"] });
      await mutateRunTags(db, "HelloFlow", String(later.runNumber), ["production:shared", "owner_test_2"], [], { user: "tester", source: "api" });
      const names = async (q: string) => (await listRuns(db, filters(q))).runs.map((r) => r.runNumber);
      expect(await names("namespace=user:anne&tag=owner_test")).toEqual([later.runNumber, both.runNumber]);
      expect(await names("namespace=user:bob&tag=owner_test")).toEqual([both.runNumber]);
      expect(await names("namespace=production:shared&tag=owner_test")).toEqual([later.runNumber]);
      await mutateRunTags(db, "HelloFlow", String(later.runNumber), [], ["production:shared"], { user: "tester", source: "api" });
      expect(await names("namespace=production:shared&tag=owner_test")).toEqual([]);
      expect(await names("namespace=user:anne&tag=owner_test_2&tag=owner_test")).toEqual([later.runNumber]);
    });

    describe("plans read an index in list order", () => {
      const cursor = Buffer.from(JSON.stringify([spec.nowMs - 86_400_000, 1500])).toString("base64url");
      const ORDERED = [
        "namespace=user:anne",
        "namespace=user:anne&flow=PredictionFlow",
        "namespace=global",
        `namespace=user:anne&cursor=${cursor}`,
        "namespace=user:raj&tag=crazy_test&tag=model:resnet",
        "namespace=user:anne&tag=nightly&status=failed",
        "namespace=global&status=failed",
      ];
      const plan = async (q: string) => {
        const page = (await runIdsQuery(db, filters(q), spec.nowMs))!;
        if (t.kind === "sqlite") {
          const rows = await db.$queryRaw<{ detail: string }[]>(sql`EXPLAIN QUERY PLAN ${page.query}`);
          return rows.map((r) => r.detail).join("\n");
        }
        const [row] = await inListOrder<{ "QUERY PLAN": unknown }>(db, sql`EXPLAIN (FORMAT JSON) ${page.query}`, page.joins);
        return JSON.stringify(row["QUERY PLAN"]);
      };

      for (const q of ORDERED) {
        it(`${q}: no sort, no hash, no scan of a whole table (SQLite: whatever the statistics)`, async () => {
          const p = await plan(q);
          if (t.kind === "sqlite") {
            // Merging the two page-sized parts of an (owner, tag) read sorts at most two pages.
            const reads = p.replace(/SCAN [ab]\nUSE TEMP B-TREE FOR ORDER BY/g, "");
            expect(reads).not.toMatch(/TEMP B-TREE|SCAN run_tags|SCAN x|SCAN r\b|SCAN d\b(?! USING)/);
            expect(p).toMatch(/USING (COVERING )?INDEX (run_tags_tag_|run_tags_owner_|runs_created_ts_id_idx|runs_flow_id_created_ts_id_idx)/);
          } else {
            // At this size PostgreSQL may rightly sort a few hundred rows; at 1M
            // runs bench:list shows the ordered plans. Never a hash or workers.
            expect(p).not.toMatch(/"Node Type":"(Hash|Hash Join|Gather|Gather Merge)"/);
          }
        });
      }

      it("a namespace and a tag are one (owner, tag) range", async () => {
        expect(await plan("namespace=user:anne&tag=nightly&tag=experiment")).toMatch(/run_tags_owner_tag_created_ts_run_id_idx/);
      });

      it("running runs come from the status index, not from a namespace", async () => {
        const p = await plan("namespace=user:anne&tag=nightly&status=running");
        expect(p).toMatch(/runs_end_status_last_heartbeat_ts_idx/);
      });
    });
  },
  { client: false },
);
