// npm run bench:reads -- [--targets sqlite,postgresql,peer] [--runs 400] [--iterations 200] [--warmup 20] [--warm 1500] [--repeat 50]
//
// Seeds every target with the same data through its metadata API (one flow,
// --runs runs of steps start, step1, end with 1, 2 and 1 tasks, each task with
// 5 system metadata rows, attempt_ok and 3 artifacts; the runs carry the
// system tag user:bench),
// then times the read routes one request after another after a warm-up, and
// Metaflow's client `Flow(F).latest_run` inside one Python process. Prints
// p50/p95 per route, the server's CPU per request, and the ratio to
// metaflow-service (issue 9's target: at least 2× faster on every route).
// Everything is timed twice: just after the short warm-up, and again once
// every target has answered --warm more requests per route. V8 optimizes a
// function only after many calls, so a freshly started Node server is slower
// than the one a team keeps running; CPython, the peer's, has no JIT. Both
// figures are printed, each with its ratios.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeIdleSockets, request } from "./http";
import { recordFinishedRun, WHO } from "./metaflow-writer";
import { cpuMeter } from "./proc-cpu";
import { Recorder } from "./recorder";
import { benchCommand, chosenTargets, count, targetOptions } from "./options";
import { allTargets, availableTargets, TARGET_LABEL, type Target, type TargetName } from "./servers";
import { fmt, machine, ms, postgresVersion, ratio, Samples, table } from "./stats";

type Options = { targets: TargetName[]; runs: number; iterations: number; warmup: number; warm: number; repeat: number; clients: number };

function parse(argv: string[]): Options {
  const all: TargetName[] = ["sqlite", "postgresql", "peer"];
  const cmd = benchCommand("bench:reads", "The metadata API's read routes and Flow(F).latest_run, Flowdeck against metaflow-service (issue 9).")
    .option("--runs <n>", "seeded runs", count(), 400)
    .option("--iterations <n>", "timed requests per route", count(), 200)
    .option("--warmup <n>", "untimed requests first", count(), 20)
    .option("--warm <n>", "untimed requests per route between the first timing and the second (0: time once)", count(0), 1500)
    .option("--repeat <n>", "Flow(F).latest_run calls", count(), 50)
    .option("--clients <n>", "seeding clients", count(), 16);
  const o = targetOptions(cmd, all, all).parse(argv, { from: "user" }).opts<Omit<Options, "targets"> & { targets?: TargetName[]; db?: TargetName[] }>();
  return { ...o, targets: chosenTargets(o, all) };
}

const FLOW = "ReadsFlow";
const NAMESPACE = "user:bench";
const TASKS_PER_STEP = [1, 2, 1]; // start, step1, end
const METADATA_ROWS = 5;
const ROUTES = ["GET runs (full list)", "GET runs?_limit=50", "GET steps/S/tasks", "GET tasks/T/metadata", "GET tasks/T/artifacts"] as const;
type Route = (typeof ROUTES)[number] | "Flow(F).latest_run";
type RouteResult = { samples: Samples; cpuPerReq: number; items: number };
type Latest = { p50: number; p95: number; run: string | null } | string;
/** One timing of every route (and latest_run) on one target. */
type Phase = { routes: Map<Route, RouteResult>; latest?: Latest };
type Result = { target: TargetName; seedSeconds: number; otherPct: number; phases: Phase[] };

const metaflowSrc = () => process.env.METAFLOW_SRC ?? "/tmp/metaflow";
const metaflowPython = () => process.env.METAFLOW_PYTHON ?? "python3";

/** null when Metaflow's client can run, else one line saying how to get it. */
function metaflowMissing(): string | null {
  if (!existsSync(path.join(metaflowSrc(), "metaflow/__init__.py")))
    return `Metaflow's source is not at ${metaflowSrc()} (METAFLOW_SRC): npm run bench:peer-setup extracts it (or pip install --no-deps --target ${metaflowSrc()} metaflow); latest_run skipped.`;
  const probe = spawnSync(metaflowPython(), ["-c", "import requests"], { encoding: "utf8" });
  if (probe.status !== 0) return `${metaflowPython()} cannot import requests (METAFLOW_PYTHON): latest_run skipped.`;
  return null;
}

async function seed(api: string, o: Options): Promise<number> {
  const rec = new Recorder();
  const f = `${api}/flows/${FLOW}`;
  const got = await rec.send("GET flow", "GET", f, undefined, (s) => s === 404);
  if (got?.status === 404) await rec.send("POST flow", "POST", f, WHO);
  const started = performance.now();
  let left = o.runs - 1;
  await Promise.all(
    Array.from({ length: o.clients }, async () => {
      while (left-- > 0) await recordFinishedRun(rec, api, FLOW, TASKS_PER_STEP, METADATA_ROWS);
    }),
  );
  // The newest run alone, after the others: latest_run is then the same run on every target.
  await recordFinishedRun(rec, api, FLOW, TASKS_PER_STEP, METADATA_ROWS);
  if (rec.errors) throw new Error(`seeding failed (${rec.errors} errors), e.g. ${rec.failures.slice(0, 3).join("; ")}`);
  return (performance.now() - started) / 1000;
}

const items = (body: string) => {
  const v = JSON.parse(body);
  return Array.isArray(v) ? v.length : 0;
};

type Prepared = { target: Target; seedSeconds: number; urlOf: (route: Route, i: number) => string };

/** Seeds `t` and picks twenty runs spread over the flow, with a task of each one's middle step. */
async function prepare(t: Target, o: Options): Promise<Prepared> {
  const seedSeconds = await seed(t.metadata, o);
  const f = `${t.metadata}/flows/${FLOW}`;
  const all = JSON.parse((await request("GET", `${f}/runs`)).body) as { run_number: number | string }[];
  const numbers = all.map((r) => Number(r.run_number)).sort((a, b) => a - b);
  const picks: { run: number; task: string }[] = [];
  for (let i = 0; i < 20; i++) {
    const run = numbers[Math.floor(((i + 0.5) * numbers.length) / 20)];
    const tasks = JSON.parse((await request("GET", `${f}/runs/${run}/steps/step1/tasks`)).body) as { task_id: number | string }[];
    picks.push({ run, task: String(tasks[0].task_id) });
  }
  const urlOf = (route: Route, i: number): string => {
    const p = picks[i % picks.length];
    switch (route) {
      case "GET runs (full list)":
        return `${f}/runs`;
      case "GET runs?_limit=50":
        return `${f}/runs?_limit=50`;
      case "GET steps/S/tasks":
        return `${f}/runs/${p.run}/steps/step1/tasks`;
      case "GET tasks/T/metadata":
        return `${f}/runs/${p.run}/steps/step1/tasks/${p.task}/metadata`;
      case "GET tasks/T/artifacts":
        return `${f}/runs/${p.run}/steps/step1/tasks/${p.task}/artifacts`;
      default:
        throw new Error(route);
    }
  };
  return { target: t, seedSeconds, urlOf };
}

/** Every route on every target, one request at a time, the targets taken in turn request by request (each sees the same background load). */
async function timeRoutes(ps: Prepared[], o: Options): Promise<Map<Route, RouteResult>[]> {
  const out = ps.map(() => new Map<Route, RouteResult>());
  for (const route of ROUTES) {
    for (let i = 0; i < o.warmup; i++) for (const p of ps) await request("GET", p.urlOf(route, i));
    const samples = ps.map(() => new Samples());
    const n = ps.map(() => 0);
    const meters = ps.map((p) => cpuMeter({ server: p.target.serverPid }));
    for (let i = 0; i < o.iterations; i++) {
      for (let j = 0; j < ps.length; j++) {
        const url = ps[j].urlOf(route, i);
        const r = await request("GET", url);
        if (r.status !== 200) throw new Error(`${ps[j].target.label}: GET ${url} answered ${r.status}: ${r.body.slice(0, 200)}`);
        samples[j].add(r.ms);
        if (i === 0) n[j] = items(r.body);
      }
    }
    ps.forEach((_, j) => out[j].set(route, { samples: samples[j], cpuPerReq: meters[j].delta().server / o.iterations, items: n[j] }));
  }
  return out;
}

/** Flow(F).latest_run in rounds, the targets in turn. */
function timeLatestRuns(ps: Prepared[], o: Options): Latest[] {
  const rounds = Math.min(5, o.repeat);
  const got: (number[] | string)[] = ps.map(() => []);
  const runs: (string | null)[] = ps.map(() => null);
  for (let k = 0; k < rounds; k++) {
    for (let j = 0; j < ps.length; j++) {
      const r = latestRun(ps[j].target.metadata, Math.ceil(o.repeat / rounds));
      if (typeof r === "string") got[j] = r;
      else if (typeof got[j] !== "string") {
        (got[j] as number[]).push(...r.seconds);
        runs[j] = r.run;
      }
    }
  }
  return got.map((g, j) => {
    if (typeof g === "string") return g;
    const s = new Samples();
    s.values = g;
    return { p50: s.q(0.5), p95: s.q(0.95), run: runs[j] };
  });
}

async function measureAll(ps: Prepared[], o: Options, latestSkip: string | null): Promise<Result[]> {
  const results: Result[] = ps.map((p) => ({ target: p.target.name, seedSeconds: p.seedSeconds, otherPct: 0, phases: [] }));
  const phase = async () => {
    // "other": what the machine did beside the targets (the one cluster counted once) and this process, while
    // the routes were timed (latest_run's Python processes would count as other).
    const whole = ps.map((p) => cpuMeter({ server: p.target.serverPid, db: p.target.dbPid }));
    const routes = await timeRoutes(ps, o);
    const d = whole.map((m) => m.delta());
    const servers = d.reduce((a, x) => a + x.server, 0);
    const db = Math.max(0, ...d.map((x) => (Number.isFinite(x.db) ? x.db : 0)));
    const otherPct = (100 * (d[0].machine - d[0].bench - servers - db)) / d[0].wall;
    const latest = latestSkip ? undefined : timeLatestRuns(ps, o);
    results.forEach((r, j) => {
      r.phases.push({ routes: routes[j], latest: latest?.[j] });
      r.otherPct = Math.max(r.otherPct, otherPct);
    });
  };
  await phase();
  if (o.warm > 0) {
    for (const route of ROUTES) for (let i = 0; i < o.warm; i++) for (const p of ps) await request("GET", p.urlOf(route, i));
    await phase();
  }
  return results;
}

function latestRun(api: string, repeat: number): { run: string | null; seconds: number[] } | string {
  const home = mkdtempSync(path.join(os.tmpdir(), "flowdeck-bench-metaflow-"));
  try {
    const res = spawnSync(metaflowPython(), [path.join(import.meta.dirname, "latest_run.py"), FLOW, NAMESPACE, String(repeat)], {
      encoding: "utf8",
      env: {
        ...process.env,
        PYTHONPATH: metaflowSrc(),
        METAFLOW_SERVICE_URL: api,
        METAFLOW_DEFAULT_METADATA: "service",
        METAFLOW_DEFAULT_DATASTORE: "local",
        METAFLOW_USER: "bench",
        METAFLOW_HOME: home,
        HOME: home,
      },
    });
    const line = res.stdout.trim().split("\n").pop() ?? "";
    if (res.status !== 0 || !line.startsWith("{")) return `failed: ${(res.stderr || res.stdout).trim().split("\n").slice(-3).join(" | ")}`;
    return JSON.parse(line);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const o = parse(process.argv.slice(2));
const targets = availableTargets(o.targets);
const latestSkip = metaflowMissing();
if (latestSkip) console.log(latestSkip);
console.log(
  `bench:reads · one flow of ${o.runs} runs, steps start, step1, end of ${TASKS_PER_STEP.join(", ")} tasks (per task ${METADATA_ROWS} system metadata rows + attempt_ok + attempt-done, 3 artifacts; system tag ${NAMESPACE}), ` +
    `seeded through each target's metadata API; per route ${o.warmup} warm-up then ${o.iterations} sequential requests over 20 runs, the targets in turn` +
    `${o.warm ? `, timed again after ${o.warm} more per route` : ""}; ` +
    `Flow(F).latest_run ×${o.repeat} timed inside Python (5 processes per target, in turn; namespace ${NAMESPACE}) · ${machine(targets.some((t) => t !== "sqlite") ? postgresVersion() : undefined)}`,
);
let results: Result[] = [];
await allTargets(targets, async (ts) => {
  const prepared: Prepared[] = [];
  for (const t of ts) prepared.push(await prepare(t, o));
  results = await measureAll(prepared, o, latestSkip);
});
closeIdleSockets();

const label = (n: TargetName) => TARGET_LABEL[n];
console.log("");
console.log(`  seeding: ${results.map((r) => `${label(r.target)} ${fmt(r.seedSeconds)} s`).join(", ")}`);
const phaseName = (k: number) => (k === 0 ? `just after ${o.warmup} warm-up requests per route` : `after ${o.warm} more requests per route (warm)`);
results[0]?.phases.forEach((_, k) => {
  console.log(`\n  ── ${phaseName(k)}`);
  for (const r of results) printTarget(r, r.phases[k]);
  printRatios(k);
});
if (results[0] && results[0].otherPct > 10)
  console.log(`\n  note: other processes used ${fmt(results[0].otherPct, 0)}% of a core while the routes were timed: the latencies may be high.`);

function printTarget(r: Result, p: Phase) {
  console.log(`\n  ${label(r.target)}:`);
  const rows = ROUTES.map((route) => {
    const x = p.routes.get(route)!;
    return [route, String(x.items), ms(x.samples.q(0.5)), ms(x.samples.q(0.95)), fmt(x.cpuPerReq, 2)];
  });
  if (p.latest)
    rows.push(
      typeof p.latest === "string"
        ? ["Flow(F).latest_run", "", p.latest, "", ""]
        : ["Flow(F).latest_run", p.latest.run ?? "none", ms(p.latest.p50 * 1000), ms(p.latest.p95 * 1000), ""],
    );
  table(["route", "items", "p50 ms", "p95 ms", "server CPU/req ms"], rows, "    ");
}

function printRatios(k: number) {
  const peer = results.find((r) => r.target === "peer");
  if (!peer) {
    console.log("\n  no peer measured: no ratios (npm run bench:peer-setup, then run again).");
    return;
  }
  console.log(`\n  p50 vs metaflow-service, ${phaseName(k)} (issue 9, reads: at least 2× faster, i.e. peer p50 / Flowdeck p50 ≥ 2):`);
  const p50 = (r: Result, route: Route): number => {
    const p = r.phases[k];
    if (route === "Flow(F).latest_run") return p.latest && typeof p.latest !== "string" ? p.latest.p50 * 1000 : NaN;
    return p.routes.get(route)!.samples.q(0.5);
  };
  const others = results.filter((r) => r !== peer);
  const header = ["route", "peer p50 ms", ...others.flatMap((r) => [`${label(r.target)} speed-up`, "≥ 2×"])];
  const rows = [...ROUTES, "Flow(F).latest_run" as const].map((route) => [
    route,
    ms(p50(peer, route)),
    ...others.flatMap((r) => {
      const x = p50(peer, route) / p50(r, route);
      return [ratio(x), Number.isFinite(x) ? (x >= 2 ? "yes" : "no") : "–"];
    }),
  ]);
  table(header, rows);
}
