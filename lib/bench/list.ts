// npm run bench:list [-- --runs N --db sqlite|postgresql|both --pg-url URL --keep --iterations N]
// Times the runs list and its companions through the data layer on the
// benchmark fixture (built first when missing) and prints p50/p95 against the
// 20 ms target (the runs list in every order too: first page, with a tag, and a deep page). Timings include Prisma and the driver, as the app sees them.
import os from "node:os";
import { closeClient, createDb } from "../db";
import { listRuns } from "../data/runs-read";
import { parseRunFilters } from "../domain/run-filters";
import { parseOptions } from "./options";
import { withFixtures } from "./targets";
import { benchCases, cursorForPage, deepestPage, DEEP_PAGE } from "./cases";
import { USERS } from "./vocabulary";
import type { Db } from "../db";

const TARGET_MS = 20;
const WARMUP = 20;

const o = parseOptions(process.argv.slice(2));
const tables: string[] = [];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Walking the pages must reach the same cursor that cases.ts computes directly. */
async function checkDeepCursor(db: Db, now: number) {
  const ns = `user:${USERS[0]}`;
  const depth = Math.min(DEEP_PAGE, await deepestPage(db));
  let cursor: string | null = null;
  for (let page = 1; page < depth; page++) {
    const q: string = `namespace=${ns}${cursor ? `&cursor=${cursor}` : ""}`;
    cursor = (await listRuns(db, parseRunFilters(new URLSearchParams(q), "global"), now)).nextCursor;
    if (!cursor) return;
  }
  const direct = await cursorForPage(db, ns, depth);
  if (cursor !== direct) throw new Error(`walking ${depth - 1} pages of ${ns} gave cursor ${cursor}, the direct query ${direct}`);
}

await withFixtures(o, async (f) => {
  const db = await createDb(f.config);
  try {
    await checkDeepCursor(db, f.spec.nowMs);
    const cases = await benchCases(db, f.spec);
    const load = () => os.loadavg()[0].toFixed(1);
    const lines = [
      `${f.kind} — ${f.spec.runs.toLocaleString("en")} runs, ${o.iterations} calls each, load average ${load()} at start`,
      `${"query".padEnd(34)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)} ${"rows".padStart(6)} ${"target".padStart(7)}  result`,
    ];
    for (const c of cases) {
      for (let i = 0; i < WARMUP; i++) await c.call(i + 1000);
      const calls: { ms: number; i: number }[] = [];
      let rows = 0;
      for (let i = 0; i < o.iterations; i++) {
        const t0 = performance.now();
        rows += await c.call(i);
        calls.push({ ms: performance.now() - t0, i });
      }
      const times = calls.map((x) => x.ms).sort((a, b) => a - b);
      const p50 = percentile(times, 50);
      const p95 = percentile(times, 95);
      lines.push(
        `${c.name.padEnd(34)} ${p50.toFixed(2).padStart(8)} ${p95.toFixed(2).padStart(8)} ${times.at(-1)!.toFixed(2).padStart(8)} ` +
          `${(rows / o.iterations).toFixed(1).padStart(6)} ${`${TARGET_MS} ms`.padStart(7)}  ${p95 < TARGET_MS ? "OK" : "over"}`,
      );
      console.log(lines.at(-1));
      if (o.verbose) {
        for (const x of calls.sort((a, b) => b.ms - a.ms).slice(0, 5)) console.log(`    ${x.ms.toFixed(1).padStart(7)} ms  ${c.label(x.i)}`);
      }
    }
    lines.push(`(load average ${load()} at the end; ${os.cpus().length} cores)`);
    tables.push(lines.join("\n"));
  } finally {
    await closeClient(db);
  }
});
console.log(`\n${tables.join("\n\n")}`);
