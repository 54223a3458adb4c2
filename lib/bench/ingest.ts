// npm run bench:ingest -- [--shape issue|big] [--targets sqlite,postgresql,peer] [--seconds N | --runs N]
//   [--clients N] [--steps N] [--tasks N] [--metadata N] [--warmup N] [--routes] [--url URL [--pid PID]]
//
// Records runs through the metadata API over HTTP the way Metaflow's client
// does and prints, per target: tasks/s, requests/s, latency p50/p95/p99, and
// the CPU the server used per request (utime+stime of its process tree over
// the measured window / requests; for PostgreSQL targets also the database's
// CPU per request). Targets are measured one after another in the same run: Flowdeck
// on SQLite, Flowdeck on PostgreSQL and metaflow-service 2.5.1 (the peer) on
// the same throwaway PostgreSQL cluster, then each is compared with the peer
// against issue 9's targets.
//
// --shape issue (default): runs of 3 steps × 2 tasks, 5 metadata rows per
//   task, 8 clients in parallel, each recording one run after another, for
//   --seconds (default 20) per target after --warmup runs per client (default 2).
//   All targets are up at once and measured in turn, in --rounds slices
//   (default 4 × 5 s each), so that a busy machine weighs on each alike.
// --shape big: the earlier shape, 20 runs × 3 steps × 10 tasks with artifacts,
//   16 requests in flight (--runs, --concurrency).
import { closeIdleSockets } from "./http";
import { BIG_SHAPE, byRouteOrder, describeBigShape, describeIssueShape, ISSUE_SHAPE, recordBig, recordIssueRun } from "./metaflow-writer";
import { cpuMeter } from "./proc-cpu";
import { Recorder } from "./recorder";
import { Option } from "commander";
import { benchCommand, chosenTargets, count, targetOptions } from "./options";
import { allTargets, availableTargets, eachTarget, TARGET_LABEL, type Target, type TargetName } from "./servers";
import { fmt, machine, ms, postgresVersion, ratio, table } from "./stats";

type Options = {
  shape: "issue" | "big";
  targets: TargetName[];
  seconds?: number;
  runs?: number;
  clients?: number;
  steps?: number;
  tasks?: number;
  metadata?: number;
  warmup: number;
  rounds: number;
  routes: boolean;
  url?: string;
  pid?: number;
};

function parse(argv: string[]): Options {
  const all: TargetName[] = ["sqlite", "postgresql", "peer"];
  const cmd = benchCommand("bench:ingest", "Records runs through the metadata API as Metaflow's client does, Flowdeck against metaflow-service (issue 9).")
    .addOption(new Option("--shape <shape>", "issue or big").choices(["issue", "big"]).default("issue"))
    .option("--seconds <n>", "issue shape: seconds per target (default 20)", count())
    .option("--runs <n>", "total runs (big shape default 20)", count())
    .option("--clients <n>", "issue: parallel clients (default 8); big: requests in flight (default 16)", count())
    .addOption(new Option("--concurrency <n>").argParser(count()).hideHelp())
    .option("--steps <n>", "shape override", count())
    .option("--tasks <n>", "shape override", count())
    .option("--metadata <n>", "shape override", count())
    .option("--warmup <n>", "runs per client before measuring", count(0), 2)
    .option("--rounds <n>", "issue shape: slices per target, taken in turn", count(), 4)
    .option("--routes", "latency per route", false)
    .option("--url <url>", "an already running Flowdeck instead", (v: string) => v.replace(/\/+$/, ""))
    .option("--pid <pid>", "its server's process id (with --url)", count());
  const o = targetOptions(cmd, all, all)
    .parse(argv, { from: "user" })
    .opts<Omit<Options, "targets"> & { targets?: TargetName[]; db?: TargetName[]; concurrency?: number }>();
  if (o.seconds && o.runs) cmd.error("give --seconds or --runs, not both");
  if (o.shape === "big" && o.seconds) cmd.error("--shape big records a fixed number of runs: use --runs");
  const { db: _db, concurrency, ...rest } = o;
  return { ...rest, clients: o.clients ?? concurrency, targets: chosenTargets(o, all) };
}

type Result = {
  target: string;
  seconds: number;
  tasks: number;
  rec: Recorder;
  /** CPU ms per meter (server, db, bench, machine, other) and wall ms, summed over the slices. */
  cpu: Record<string, number>;
};

const issueShape = (o: Options) => ({ steps: o.steps ?? ISSUE_SHAPE.steps, tasks: o.tasks ?? ISSUE_SHAPE.tasks, metadata: o.metadata ?? ISSUE_SHAPE.metadata });

/** Warm-up: the servers' first requests (JIT, pools, caches) are not measured. */
async function warmIssue(o: Options, api: string, flow: string) {
  const rec = new Recorder();
  rec.counting = false;
  await Promise.all(
    Array.from({ length: o.clients ?? 8 }, async () => {
      for (let i = 0; i < o.warmup; i++) await recordIssueRun(rec, api, flow, issueShape(o));
    }),
  );
}

/** One measured slice: the clients record runs for `seconds` (or `runs` runs in all); adds to `r`. */
async function sliceIssue(
  o: Options,
  api: string,
  flow: string,
  pids: Record<string, number | undefined>,
  r: Result,
  limit: { seconds?: number; runs?: number },
) {
  const meter = cpuMeter(pids);
  const started = performance.now();
  const deadline = limit.seconds ? started + limit.seconds * 1000 : Infinity;
  let runsLeft = limit.runs ?? Infinity;
  await Promise.all(
    Array.from({ length: o.clients ?? 8 }, async () => {
      while (performance.now() < deadline && runsLeft-- > 0) {
        const n = await recordIssueRun(r.rec, api, flow, issueShape(o));
        r.tasks += n;
      }
    }),
  );
  r.seconds += (performance.now() - started) / 1000;
  for (const [k, v] of Object.entries(meter.delta())) r.cpu[k] = (r.cpu[k] ?? 0) + v;
}

const newResult = (target: string): Result => ({ target, seconds: 0, tasks: 0, rec: new Recorder(), cpu: {} });

async function measureBig(o: Options, api: string, flow: string, pids: Record<string, number | undefined>): Promise<Result> {
  const shape = {
    runs: o.runs ?? BIG_SHAPE.runs,
    steps: o.steps ?? BIG_SHAPE.steps,
    tasks: o.tasks ?? BIG_SHAPE.tasks,
    metadata: o.metadata ?? BIG_SHAPE.metadata,
    concurrency: o.clients ?? BIG_SHAPE.concurrency,
  };
  const rec = new Recorder();
  rec.counting = false;
  if (o.warmup) await recordBig(rec, api, flow, { ...shape, runs: Math.min(o.warmup, shape.runs) });
  rec.counting = true;
  const meter = cpuMeter(pids);
  const started = performance.now();
  const tasks = await recordBig(rec, api, flow, shape);
  const seconds = (performance.now() - started) / 1000;
  return { target: "", seconds, tasks, rec, cpu: meter.delta() };
}

const o = parse(process.argv.slice(2));
const shapeText =
  o.shape === "issue"
    ? `shape issue: ${describeIssueShape({ steps: o.steps ?? ISSUE_SHAPE.steps, tasks: o.tasks ?? ISSUE_SHAPE.tasks, metadata: o.metadata ?? ISSUE_SHAPE.metadata })}; ` +
      `${o.clients ?? 8} clients in parallel; ${o.runs ? `${o.runs} runs` : `${o.seconds ?? 20} s`} per target after ${o.warmup} warm-up runs per client, ` +
      `in ${o.rounds} rounds taking the targets in turn`
    : `shape big: ${describeBigShape({ runs: o.runs ?? BIG_SHAPE.runs, steps: o.steps ?? BIG_SHAPE.steps, tasks: o.tasks ?? BIG_SHAPE.tasks, metadata: o.metadata ?? BIG_SHAPE.metadata, concurrency: o.clients ?? BIG_SHAPE.concurrency })}`;
const targets = o.url ? [] : availableTargets(o.targets);
const needsPg = targets.some((t) => t !== "sqlite");
console.log(`bench:ingest · ${shapeText} · ${machine(needsPg ? postgresVersion() : undefined)}`);

const results: Result[] = [];
const FLOW = "BenchFlow";
if (o.shape === "issue") {
  // Alternating rounds: every target sees about the same background load.
  const slice = { seconds: o.runs ? undefined : (o.seconds ?? 20) / o.rounds, runs: o.runs ? Math.ceil(o.runs / o.rounds) : undefined };
  if (o.url) {
    const r = newResult(o.url);
    await warmIssue(o, `${o.url}/api/metadata`, FLOW);
    for (let k = 0; k < o.rounds; k++) await sliceIssue(o, `${o.url}/api/metadata`, FLOW, { server: o.pid }, r, slice);
    results.push(r);
  } else {
    await allTargets(targets, async (ts) => {
      for (const t of ts) await warmIssue(o, t.metadata, FLOW);
      const byTarget = ts.map((t) => newResult(t.name));
      for (let k = 0; k < o.rounds; k++) {
        for (let j = 0; j < ts.length; j++) {
          const i = (j + k) % ts.length;
          await sliceIssue(o, ts[i].metadata, FLOW, { server: ts[i].serverPid, db: ts[i].dbPid }, byTarget[i], slice);
        }
      }
      results.push(...byTarget);
    });
  }
} else if (o.url) {
  results.push({ ...(await measureBig(o, `${o.url}/api/metadata`, FLOW, { server: o.pid })), target: o.url });
} else {
  await eachTarget(targets, async (t: Target) => {
    results.push({ ...(await measureBig(o, t.metadata, FLOW, { server: t.serverPid, db: t.dbPid })), target: t.name });
  });
}
closeIdleSockets();

const perReq = (r: Result, k: string) => r.cpu[k] / r.rec.requests;
const label = (name: string) => TARGET_LABEL[name as TargetName] ?? name;
const all = (r: Result) => {
  const s = new Recorder().group("all");
  for (const g of r.rec.groups.values()) s.values.push(...g.values);
  return s;
};
console.log("");
table(
  ["target", "tasks/s", "req/s", "p50 ms", "p95 ms", "p99 ms", "server CPU/req ms", "db CPU/req ms", "requests", "errors", "bench CPU"],
  results.map((r) => {
    const a = all(r);
    return [
      label(r.target),
      fmt(r.tasks / r.seconds),
      fmt(r.rec.requests / r.seconds),
      ms(a.q(0.5)),
      ms(a.q(0.95)),
      ms(a.q(0.99)),
      fmt(perReq(r, "server"), 2),
      fmt(perReq(r, "db"), 2),
      String(r.rec.requests),
      String(r.rec.errors),
      `${fmt((100 * r.cpu.bench) / (r.seconds * 1000), 0)}% of a core`,
    ];
  }),
);
console.log(
  "  server CPU: the serving process tree (Flowdeck's node, metaflow-service's python; on SQLite it includes the database work); db CPU: every PostgreSQL process of the cluster.",
);
for (const r of results) {
  const other = (100 * r.cpu.other) / r.cpu.wall;
  if (other > 10) console.log(`  note: while ${label(r.target)} was measured, other processes used ${fmt(other, 0)}% of a core: its figures may be low.`);
}

if (o.routes) {
  for (const r of results) {
    console.log(`\n  ${label(r.target)}, per route:`);
    table(
      ["route", "requests", "p50 ms", "p95 ms", "errors"],
      [...r.rec.groups].sort(([a], [b]) => byRouteOrder(a, b)).map(([g, s]) => [g, String(s.count), ms(s.q(0.5)), ms(s.q(0.95)), String(s.errors)]),
      "    ",
    );
  }
}
for (const r of results) for (const f of r.rec.failures.slice(0, 5)) console.log(`  ${label(r.target)} failed: ${f}`);

const peer = results.find((r) => r.target === "peer");
if (peer) {
  console.log(
    o.shape === "issue"
      ? "\n  vs metaflow-service (issue 9, writes: on PostgreSQL server CPU/request ≤ 1/3 of the peer's and tasks/s ≥ 1.5× its; on SQLite at least the same):"
      : "\n  vs metaflow-service (issue 9's targets are for the issue shape; shown for reference):",
  );
  const peerTps = peer.tasks / peer.seconds;
  const peerCpu = perReq(peer, "server");
  const rows = results
    .filter((r) => r !== peer)
    .map((r) => {
      const t = r.tasks / r.seconds / peerTps;
      const c = perReq(r, "server") / peerCpu;
      const met = c <= 1 / 3 && t >= 1.5 && r.rec.errors === 0;
      // "On SQLite at least the same": the same targets; the looser reading (no worse than the peer) is shown too.
      const verdict =
        o.shape !== "issue"
          ? "–"
          : r.target === "sqlite"
            ? `${met ? "met" : "not met"} (no worse than the peer: ${c <= 1 && t >= 1 ? "yes" : "no"})`
            : met
              ? "met"
              : "not met";
      return [label(r.target), ratio(t), t >= 1.5 ? "yes" : "no", ratio(c), c <= 1 / 3 ? "yes" : "no", verdict];
    });
  table(["target", "tasks/s ratio", "≥ 1.5×", "CPU/req ratio", "≤ 0.33×", "target"], rows);
} else if (!o.url) console.log("\n  no peer measured: no ratios (npm run bench:peer-setup, then run again).");
