// Command-line flags shared by bench:data and bench:list.
import path from "node:path";

export type DbKind = "sqlite" | "postgresql";
export type BenchOptions = {
  runs: number;
  seed: number;
  dbs: DbKind[];
  /** Use this PostgreSQL database instead of the cluster under bench-data/pg. */
  pgUrl?: string;
  /** Leave the bench-data/pg cluster running afterwards. */
  keep: boolean;
  /** Regenerate even when a complete fixture of this size exists. */
  force: boolean;
  iterations: number;
  /** bench:list: print the slowest calls of each query with their parameters. */
  verbose: boolean;
  root: string;
};

const USAGE = `Flags: --runs N (default 1000000)  --db sqlite|postgresql|both (default both)
       --pg-url postgresql://…  (an existing database instead of the cluster under bench-data/pg)
       --keep (leave that cluster running)  --force (regenerate)  --iterations N (bench:list, default 200)  --verbose (bench:list: slowest calls)  --seed N`;

export function parseOptions(argv: string[]): BenchOptions {
  const o: BenchOptions = { runs: 1_000_000, seed: 42, dbs: ["sqlite", "postgresql"], keep: false, force: false, iterations: 200, verbose: false,
    root: path.resolve(process.cwd(), "bench-data") };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value`);
    const count = () => {
      const n = Number(value().replace(/_/g, ""));
      return Number.isSafeInteger(n) && n > 0 ? n : fail(`${flag} must be a positive whole number`);
    };
    switch (flag) {
      case "--runs": o.runs = count(); break;
      case "--seed": o.seed = count(); break;
      case "--iterations": o.iterations = count(); break;
      case "--db": {
        const v = value();
        if (v === "both") o.dbs = ["sqlite", "postgresql"];
        else if (v === "sqlite" || v === "postgresql") o.dbs = [v];
        else fail(`--db must be sqlite, postgresql or both, not "${v}"`);
        break;
      }
      case "--pg-url": o.pgUrl = value(); break;
      case "--keep": o.keep = true; break;
      case "--force": o.force = true; break;
      case "--verbose": o.verbose = true; break;
      case "--help": console.log(USAGE); process.exit(0);
      default: fail(`unknown flag ${argv[i]}`);
    }
  }
  return o;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}
