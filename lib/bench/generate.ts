// npm run bench:data [-- --runs N --db sqlite|postgresql|both --pg-url URL --keep]
// Builds the benchmark fixture (default 1,000,000 runs) with bulk SQL and
// prints how long each database took. Always rebuilds; bench:list reuses it.
import { parseOptions } from "./options";
import { withFixtures } from "./targets";

const o = { ...parseOptions(process.argv.slice(2)), force: true };
const times: string[] = [];
await withFixtures(o, async (f) => {
  times.push(`${f.kind.padEnd(10)} ${o.runs.toLocaleString("en")} runs in ${((f.generatedMs ?? 0) / 1000).toFixed(1)} s`);
});
console.log(`\nGeneration times\n${times.join("\n")}`);
