// The metadata API's run lists read each run's tags with one primary-key
// lookup in run_tag_sets. In a database of a few hundred runs that table is a few
// pages, which PostgreSQL's default cost of a random page (4, a disk seek)
// would rather scan whole, once for every run listed: over HTTP, the full list
// of 300 runs took 7.7 ms (p50) instead of 2.1 ms. The plans are read through the app's own
// connections, which carry its session settings (lib/db.ts), after ANALYZE, as
// autovacuum leaves a database in use.
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { createFlow, createRun } from "@/lib/data/ingest";
import { allRunsStatement } from "@/lib/data/objects-read";
import { flowRunsPageStatement } from "@/lib/data/flow-runs-read";
import { parseRunListQuery } from "@/lib/metadata-api/run-list-query";
import { queryArrays } from "@/lib/data/driver";
import { sql, type Prisma } from "@/lib/data/sql";

const FLOW = "SmallFlow";
const RUNS = 300;

forEachDatabase("run lists look a run's tags up by its key", (t) => {
  beforeAll(async () => {
    await createFlow(t.db, FLOW, { userName: "anne" });
    for (let i = 0; i < RUNS; i++) {
      await createRun(t.db, FLOW, { userName: "anne", tags: [`batch:${i % 7}`], systemTags: ["user:anne", "metaflow_version:2.19"] });
    }
    await t.db.$executeRawUnsafe("ANALYZE");
  });

  const plan = async (statement: Prisma.Sql) => {
    const rows = await queryArrays(t.db, t.kind === "postgresql" ? sql`EXPLAIN ${statement}` : sql`EXPLAIN QUERY PLAN ${statement}`);
    return rows.map((r) => String(r.at(-1))).join("\n");
  };
  const byKey = (p: string) => {
    if (t.kind === "postgresql") {
      expect(p).toMatch(/Index Scan using run_tag_sets_pkey on run_tag_sets ts/);
      expect(p).not.toMatch(/Seq Scan on run_tag_sets/);
    } else {
      expect(p).toMatch(/SEARCH ts USING INTEGER PRIMARY KEY/);
      expect(p).not.toMatch(/SCAN ts/);
    }
  };

  it(`the full list of a flow of ${RUNS} runs`, async () => {
    byKey(await plan(allRunsStatement(FLOW)));
  });

  it("a page of 50 of them", async () => {
    byKey(await plan(flowRunsPageStatement(FLOW, parseRunListQuery(new URLSearchParams("_limit=50")), Date.now()).statement));
  });
});
