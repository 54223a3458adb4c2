// npm run bench:tags [-- --runs N --db sqlite|postgresql|both --pg-url URL --keep --iterations N]
// Times tag edits through the data layer on the benchmark fixture (built
// first when missing): one run's edit (add, then remove, on random runs), and
// a bulk add and remove on every run matching a filter that selects about
// 10,000 runs. Prints p50/p95 against the targets: one edit p95 ≤ 20 ms,
// bulk 10,000 runs ≤ 2 s. Every edit is undone, so the fixture stays as built
// (the audit history keeps the record, as it always does).
import os from "node:os";
import { closeClient, createDb, type Db } from "../db";
import { bulkEditTags, mutateRunTags } from "../data/tags-write";
import { announcementsSent } from "../live/publish";
import { countMatchingRuns } from "../data/tag-edit-targets";
import { parseRunFilters } from "../domain/run-filters";
import { filterParams, type BulkFilter } from "../domain/tag-edit";
import { sql, toNumber } from "../data/sql";
import { parseOptions } from "./options";
import { withFixtures } from "./targets";
import { rng } from "./random";

const SINGLE_TARGET_MS = 20;
const BULK_TARGET_MS = 2000;
const BULK_SIZE = 10_000;
const BULK_ROUNDS = 3;
const actor = { user: "bench", source: "api" as const };

const o = parseOptions(process.argv.slice(2));
const tables: string[] = [];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The user tag whose run count is nearest BULK_SIZE, as a filter. */
async function bulkFilter(db: Db): Promise<{ filter: BulkFilter; count: number }> {
  const [row] = await db.$queryRaw<{ tag: string }[]>(sql`
    SELECT tag FROM tag_stats WHERE system = ${false} AND run_count > 0
    ORDER BY ABS(run_count - ${BULK_SIZE}) ASC, tag ASC LIMIT 1`);
  const filter: BulkFilter = { namespace: "global", tag: row.tag };
  const count = await countMatchingRuns(db, parseRunFilters(filterParams(filter), "global"), 100_000);
  return { filter, count };
}

async function randomRuns(db: Db, n: number, seed: number): Promise<{ flow: string; run: string }[]> {
  const [{ max }] = await db.$queryRaw<{ max: unknown }[]>(sql`SELECT MAX(id) AS max FROM runs`);
  const random = rng(seed);
  const ids = Array.from({ length: n }, () => 1 + Math.floor(random() * toNumber(max)));
  const rows = await db.run.findMany({ where: { id: { in: ids } }, select: { id: true, flowName: true, runNumber: true, runId: true } });
  const byId = new Map(rows.map((r) => [r.id, { flow: r.flowName, run: r.runId ?? String(r.runNumber) }]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

const row = (name: string, times: number[], target: number, extra = "") => {
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  return `${name.padEnd(34)} ${percentile(sorted, 50).toFixed(1).padStart(9)} ${p95.toFixed(1).padStart(9)} ${sorted.at(-1)!.toFixed(1).padStart(9)} ${`${target} ms`.padStart(9)}  ${p95 <= target ? "OK" : "over"}${extra}`;
};

await withFixtures(o, async (f) => {
  const db = await createDb(f.config);
  try {
    const load = () => os.loadavg()[0].toFixed(1);
    const lines = [
      `${f.kind} — ${f.spec.runs.toLocaleString("en")} runs, load average ${load()} at start`,
      `${"edit".padEnd(34)} ${"p50 ms".padStart(9)} ${"p95 ms".padStart(9)} ${"max ms".padStart(9)} ${"target".padStart(9)}  result`,
    ];

    const runs = await randomRuns(db, o.iterations + 20, o.seed);
    const adds: number[] = [];
    const removes: number[] = [];
    for (const [i, r] of runs.entries()) {
      const tag = `bench-edit-${i}`;
      const add = await timed(() => mutateRunTags(db, r.flow, r.run, [tag], [], actor));
      const remove = await timed(() => mutateRunTags(db, r.flow, r.run, [], [tag], actor));
      if (i >= 20) {
        // the first 20 warm up
        adds.push(add);
        removes.push(remove);
      }
    }
    lines.push(row("one run: add a tag", adds, SINGLE_TARGET_MS));
    lines.push(row("one run: remove a tag", removes, SINGLE_TARGET_MS));
    console.log(lines.slice(-2).join("\n"));

    const { filter, count } = await bulkFilter(db);
    const bulkAdds: number[] = [];
    const bulkRemoves: number[] = [];
    let changed = 0;
    for (let i = 0; i < BULK_ROUNDS; i++) {
      const tag = `bench-bulk-${i}`;
      bulkAdds.push(
        await timed(async () => {
          changed = (await bulkEditTags(db, { filter, add: [tag], remove: [] }, actor, "global")).changed;
        }),
      );
      bulkRemoves.push(await timed(() => bulkEditTags(db, { filter: { namespace: "global", tag }, add: [], remove: [tag] }, actor, "global")));
    }
    const what = ` (${count.toLocaleString("en")} runs tagged ${String(filter.tag)}; ${changed.toLocaleString("en")} changed; ${BULK_ROUNDS} rounds)`;
    lines.push(row("bulk by filter: add a tag", bulkAdds, BULK_TARGET_MS, what));
    lines.push(row("bulk by filter: remove it again", bulkRemoves, BULK_TARGET_MS));
    console.log(lines.slice(-2).join("\n"));
    lines.push(`(load average ${load()} at the end; ${os.cpus().length} cores)`);
    tables.push(lines.join("\n"));
  } finally {
    await announcementsSent();
    await closeClient(db);
  }
});
console.log(`\n${tables.join("\n\n")}`);
