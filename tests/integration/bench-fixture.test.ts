// The benchmark generator writes straight to the tables; these checks pin that
// it writes what the data layer would: counters that match the tag rows, tag
// rows that copy their run, per-flow run numbers, one owner per run, and a mix
// of statuses that makes the status filters meaningful.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import type { Db } from "@/lib/db";
import { listRuns, type RunSummary } from "@/lib/data/runs-read";
import { loadBenchFixture } from "./fixtures/bench-fixture";
import { ownerOf } from "@/lib/data/run-tags-write";
import { migrationsDir } from "@/lib/migrations/apply";
import { createRun } from "@/lib/data/ingest";
import { parseRunFilters } from "@/lib/domain/run-filters";
import { sql, toNumber } from "@/lib/data/sql";

const spec = { runs: 1500, seed: 7, nowMs: Date.UTC(2026, 0, 15, 12), spanMs: 3 * 86_400_000 };
const count = async (db: Db, query: ReturnType<typeof sql>) => toNumber((await db.$queryRaw<{ n: unknown }[]>(query))[0].n);

forEachDatabase(
  "benchmark fixture",
  (t) => {
    let db: Db;
    let runs: RunSummary[];

    beforeAll(async () => {
      ({ db, runs } = await loadBenchFixture(t.config, spec));
      return () => db.$disconnect();
    });

    it("writes the requested runs with about six tags each", async () => {
      expect(runs).toHaveLength(spec.runs);
      const tags = runs.reduce((n, r) => n + r.tags.length + r.systemTags.length, 0) / runs.length;
      expect(tags).toBeGreaterThan(5);
      expect(tags).toBeLessThan(7);
    });

    it("keeps tag_stats equal to the tag rows", async () => {
      expect(
        await count(
          db,
          sql`SELECT COUNT(*) AS n FROM tag_stats s WHERE s.run_count <> (SELECT COUNT(*) FROM run_tags t WHERE t.tag = s.tag)
      OR s.last_ts <> (SELECT MAX(created_ts) FROM run_tags t WHERE t.tag = s.tag)`,
        ),
      ).toBe(0);
      expect(await count(db, sql`SELECT COUNT(*) AS n FROM run_tags t WHERE NOT EXISTS (SELECT 1 FROM tag_stats s WHERE s.tag = t.tag)`)).toBe(0);
      expect(
        await count(
          db,
          sql`SELECT COUNT(*) AS n FROM tag_stats s WHERE s.system <> (s.tag LIKE 'user:%' OR s.tag LIKE 'production:%'
      OR s.tag LIKE 'runtime:%' OR s.tag LIKE 'python_version:%' OR s.tag LIKE 'metaflow_version:%')`,
        ),
      ).toBe(0);
    });

    it("copies created_ts and flow_id from the run into its tag rows", async () => {
      expect(
        await count(
          db,
          sql`SELECT COUNT(*) AS n FROM run_tags t JOIN runs r ON r.id = t.run_id
      WHERE t.created_ts <> r.created_ts OR t.flow_id <> r.flow_id`,
        ),
      ).toBe(0);
    });

    it("stores each run's owner on its tag rows, as the data layer and migration 0003's backfill compute it", async () => {
      const owners = async () =>
        new Map(
          (
            await db.$queryRaw<{ run_id: unknown; owner: string | null }[]>(sql`
      SELECT DISTINCT run_id, owner FROM run_tags`)
          ).map((r) => [toNumber(r.run_id), r.owner]),
        );
      const written = await owners();
      expect(written.size).toBe(runs.length);
      for (const r of runs) expect(written.get(r.dbId)).toBe(ownerOf([...r.tags, ...r.systemTags]));
      const migration = readFileSync(path.join(migrationsDir(t.kind), "0003_run_tags_owner.sql"), "utf8");
      const backfill = migration.slice(migration.indexOf("UPDATE"), migration.indexOf(";", migration.indexOf("UPDATE")));
      await db.$executeRawUnsafe(`UPDATE run_tags SET owner = NULL`);
      await db.$executeRawUnsafe(backfill);
      expect(await owners()).toEqual(written);
    });

    it("numbers runs per flow and records the last number on the flow", async () => {
      expect(
        await count(
          db,
          sql`SELECT COUNT(*) AS n FROM flows f
      WHERE f.last_run_number <> (SELECT COUNT(*) FROM runs r WHERE r.flow_id = f.id)
         OR f.last_run_number <> (SELECT COALESCE(MAX(run_number), 0) FROM runs r WHERE r.flow_id = f.id)`,
        ),
      ).toBe(0);
    });

    it("gives every run one owner: user:<name>, or production:<token> of a deployed flow", async () => {
      for (const r of runs) {
        const owners = r.systemTags.filter((x) => x.startsWith("user:") || x.startsWith("production:"));
        expect(owners).toHaveLength(1);
        if (owners[0].startsWith("user:")) expect(owners[0]).toBe(`user:${r.userName}`);
      }
      const production = runs.filter((r) => r.systemTags.some((x) => x.startsWith("production:")));
      expect(production.length).toBeGreaterThan(0);
      const deployed = new Set((await db.deployment.findMany({ include: { flow: true } })).map((d) => d.flow.name));
      for (const r of production) expect(deployed).toContain(r.flow);
    });

    it("mixes statuses: mostly completed, some failed, a few running", () => {
      const by = (s: string) => runs.filter((r) => r.status === s).length;
      expect(by("completed")).toBeGreaterThan(runs.length * 0.8);
      expect(by("failed")).toBeGreaterThan(runs.length * 0.05);
      expect(by("running")).toBeGreaterThan(0);
      expect(by("running")).toBeLessThan(runs.length * 0.05);
    });

    it("leaves a database the data layer keeps writing to", async () => {
      const before = (await db.flow.findUniqueOrThrow({ where: { name: "HelloFlow" } })).lastRunNumber;
      const run = await createRun(db, "HelloFlow", { userName: "anne", systemTags: ["user:anne"], tags: ["nightly"] });
      expect(run.runNumber).toBe(before + 1);
      expect(run.dbId).toBeGreaterThan(spec.runs);
      const page = await listRuns(db, parseRunFilters(new URLSearchParams("namespace=user:anne&tag=nightly&limit=1"), "global"));
      expect(page.runs[0].pathspec).toBe(`HelloFlow/${before + 1}`);
    });
  },
  { client: false },
);
