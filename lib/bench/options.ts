// Command-line flags of the benchmarks, parsed by commander (the CLI's parser
// too): each bench declares its flags on benchCommand() with the value parsers
// here, so that every bench answers --help, refuses unknown flags and bad
// values alike (exit 2), and takes `--flag value` or `--flag=value`.
import path from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { parseTargets, type TargetName } from "./servers";

/** A program for one bench: usage errors exit 2 after the message and the usage, --help exits 0. */
export function benchCommand(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .helpOption("--help", "show the flags")
    .showHelpAfterError()
    .allowExcessArguments(false)
    .exitOverride((e) => process.exit(e.exitCode === 0 ? 0 : 2));
}

/** A whole number ≥ min (underscores allowed: 1_000_000). */
export function count(min = 1) {
  return (value: string): number => {
    const n = Number(value.replace(/_/g, ""));
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`must be a whole number ≥ ${min}`);
    return n;
  };
}

/** --targets a,b (or both, all) from `allowed`; --db is the older spelling of the same flag. */
export function targetOptions(cmd: Command, allowed: TargetName[], fallback: TargetName[], why = ""): Command {
  const parse = (value: string) => {
    try {
      return parseTargets(value, allowed);
    } catch (e) {
      throw new InvalidArgumentError(`${(e as Error).message}${why}`);
    }
  };
  return cmd
    .addOption(new Option("--targets <list>", `${allowed.join(",")} (default ${fallback.join(",")})`).argParser(parse))
    .addOption(new Option("--db <list>").argParser(parse).hideHelp());
}

/** The targets given by --targets or --db, else the fallback. */
export function chosenTargets(o: { targets?: TargetName[]; db?: TargetName[] }, fallback: TargetName[]): TargetName[] {
  return o.targets ?? o.db ?? fallback;
}

// ---- bench:data, bench:list and bench:tags (the generated fixture).
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

function dbKinds(value: string): DbKind[] {
  if (value === "both") return ["sqlite", "postgresql"];
  if (value === "sqlite" || value === "postgresql") return [value];
  throw new InvalidArgumentError(`must be sqlite, postgresql or both, not "${value}"`);
}

export function parseOptions(argv: string[], name = "bench"): BenchOptions {
  const o = benchCommand(name, "Benchmarks on a generated fixture of runs (bench-data/).")
    .option("--runs <n>", "runs in the fixture", count(), 1_000_000)
    .addOption(new Option("--db <which>", "sqlite, postgresql or both").argParser(dbKinds).default(["sqlite", "postgresql"], "both"))
    .option("--pg-url <url>", "an existing PostgreSQL database instead of the cluster under bench-data/pg")
    .option("--keep", "leave that cluster running", false)
    .option("--force", "regenerate the fixture", false)
    .option("--iterations <n>", "bench:list: calls per query", count(), 200)
    .option("--verbose", "bench:list: print the slowest calls", false)
    .option("--seed <n>", "the generator's seed", count(), 42)
    .parse(argv, { from: "user" })
    .opts<{ runs: number; db: DbKind[]; pgUrl?: string; keep: boolean; force: boolean; iterations: number; verbose: boolean; seed: number }>();
  return {
    runs: o.runs,
    seed: o.seed,
    dbs: o.db,
    pgUrl: o.pgUrl,
    keep: o.keep,
    force: o.force,
    iterations: o.iterations,
    verbose: o.verbose,
    root: path.resolve(process.cwd(), "bench-data"),
  };
}
