// npm run bench:reads -- [--targets sqlite,postgresql,peer] [--runs 400] [--iterations 200] [--warmup 20] [--repeat 50]
//
// Seeds every target with the same data through its metadata API (one flow,
// --runs runs of steps start, step1, end with 1, 2 and 1 tasks, each task with
// 5 system metadata rows, attempt_ok and 3 artifacts; the runs carry the
// system tag user:bench),
// then times the read routes one request after another after a warm-up, and
// Metaflow's client `Flow(F).latest_run` inside one Python process. Prints
// p50/p95 per route, the server's CPU per request, and the ratio to
// metaflow-service (issue 9's target: at least 2× faster on every route).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeIdleSockets, request } from "./http";
import { recordFinishedRun, WHO } from "./metaflow-writer";
import { cpuMeter } from "./proc-cpu";
import { Recorder } from "./recorder";
import { availableTargets, eachTarget, parseTargets, TARGET_LABEL, type Target, type TargetName } from "./servers";
import { fmt, machine, ms, postgresVersion, ratio, Samples, table } from "./stats";

type Options = { targets: TargetName[]; runs: number; iterations: number; warmup: number; repeat: number; clients: number };
const USAGE = `Flags: --targets sqlite,postgresql,peer (default all three)  --runs N (seeded runs, default 400)
       --iterations N (timed requests per route, default 200)  --warmup N (untimed first, default 20)
       --repeat N (Flow(F).latest_run calls, default 50)  --clients N (seeding clients, default 16)`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parse(argv: string[]): Options {
  const o: Options = { targets: ["sqlite", "postgresql", "peer"], runs: 400, iterations: 200, warmup: 20, repeat: 50, clients: 16 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value`);
    const count = () => {
      const n = Number(value());
      return Number.isSafeInteger(n) && n > 0 ? n : fail(`${flag} must be a positive whole number`);
    };
    if (flag === "--targets" || flag === "--db") {
      try {
        o.targets = parseTargets(value(), ["sqlite", "postgresql", "peer"]);
      } catch (e) {
        fail((e as Error).message);
      }
    } else if (flag === "--runs") o.runs = count();
    else if (flag === "--iterations") o.iterations = count();
    else if (flag === "--warmup") o.warmup = count();
    else if (flag === "--repeat") o.repeat = count();
    else if (flag === "--clients") o.clients = count();
    else if (flag === "--help") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown flag ${argv[i]}`);
  }
  return o;
}

const FLOW = "ReadsFlow";
const NAMESPACE = "user:bench";
const TASKS_PER_STEP = [1, 2, 1]; // start, step1, end
const METADATA_ROWS = 5;
const ROUTES = ["GET runs (full list)", "GET runs?_limit=50", "GET steps/S/tasks", "GET tasks/T/metadata", "GET tasks/T/artifacts"] as const;
type Route = (typeof ROUTES)[number] | "Flow(F).latest_run";
type RouteResult = { samples: Samples; cpuPerReq: number; items: number };
type Result = { target: TargetName; seedSeconds: number; otherPct: number; routes: Map<Route, RouteResult>; latest?: { p50: number; p95: number; run: string | null } | string };

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
  await Promise.all(Array.from({ length: o.clients }, async () => {
    while (left-- > 0) await recordFinishedRun(rec, api, FLOW, TASKS_PER_STEP, METADATA_ROWS);
  }));
  // The newest run alone, after the others: latest_run is then the same run on every target.
  await recordFinishedRun(rec, api, FLOW, TASKS_PER_STEP, METADATA_ROWS);
  if (rec.errors) throw new Error(`seeding failed (${rec.errors} errors), e.g. ${rec.failures.slice(0, 3).join("; ")}`);
  return (performance.now() - started) / 1000;
}

const items = (body: string) => {
  const v = JSON.parse(body);
  return Array.isArray(v) ? v.length : 0;
};

async function measure(t: Target, o: Options, latestSkip: string | null): Promise<Result> {
  const api = t.metadata;
  const seedSeconds = await seed(api, o);
  const f = `${api}/flows/${FLOW}`;
  // Twenty runs spread over the flow; for each, a task of its middle step.
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
      case "GET runs (full list)": return `${f}/runs`;
      case "GET runs?_limit=50": return `${f}/runs?_limit=50`;
      case "GET steps/S/tasks": return `${f}/runs/${p.run}/steps/step1/tasks`;
      case "GET tasks/T/metadata": return `${f}/runs/${p.run}/steps/step1/tasks/${p.task}/metadata`;
      case "GET tasks/T/artifacts": return `${f}/runs/${p.run}/steps/step1/tasks/${p.task}/artifacts`;
      default: throw new Error(route);
    }
  };
  const routes = new Map<Route, RouteResult>();
  const whole = cpuMeter({ server: t.serverPid, db: t.dbPid });
  for (const route of ROUTES) {
    for (let i = 0; i < o.warmup; i++) await request("GET", urlOf(route, i));
    const samples = new Samples();
    let n = 0;
    const meter = cpuMeter({ server: t.serverPid });
    for (let i = 0; i < o.iterations; i++) {
      const r = await request("GET", urlOf(route, i));
      if (r.status !== 200) throw new Error(`${t.label}: GET ${urlOf(route, i)} answered ${r.status}: ${r.body.slice(0, 200)}`);
      samples.add(r.ms);
      if (i === 0) n = items(r.body);
    }
    routes.set(route, { samples, cpuPerReq: meter.delta().server / o.iterations, items: n });
  }
  const d = whole.delta();
  let latest: Result["latest"];
  if (!latestSkip) latest = latestRun(api, o.repeat);
  return { target: t.name, seedSeconds, otherPct: (100 * d.other) / d.wall, routes, latest };
}

function latestRun(api: string, repeat: number): Result["latest"] {
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
    `seeded through each target's metadata API; per route ${o.warmup} warm-up then ${o.iterations} sequential requests over 20 runs; ` +
    `Flow(F).latest_run ×${o.repeat} in one Python process (namespace ${NAMESPACE}) · ${machine(targets.some((t) => t !== "sqlite") ? postgresVersion() : undefined)}`,
);
const results: Result[] = [];
await eachTarget(targets, async (t) => {
  results.push(await measure(t, o, latestSkip));
});
closeIdleSockets();

const label = (n: TargetName) => TARGET_LABEL[n];
console.log("");
console.log(`  seeding: ${results.map((r) => `${label(r.target)} ${fmt(r.seedSeconds)} s`).join(", ")}`);
for (const r of results) {
  console.log(`\n  ${label(r.target)}:`);
  const rows = ROUTES.map((route) => {
    const x = r.routes.get(route)!;
    return [route, String(x.items), ms(x.samples.q(0.5)), ms(x.samples.q(0.95)), fmt(x.cpuPerReq, 2)];
  });
  if (r.latest) rows.push(typeof r.latest === "string" ? ["Flow(F).latest_run", "", r.latest, "", ""] : ["Flow(F).latest_run", r.latest.run ?? "none", ms(r.latest.p50 * 1000), ms(r.latest.p95 * 1000), ""]);
  table(["route", "items", "p50 ms", "p95 ms", "server CPU/req ms"], rows, "    ");
  if (r.otherPct > 10) console.log(`    note: other processes used ${fmt(r.otherPct, 0)}% of a core while the routes were timed: the figures may be high.`);
}

const peer = results.find((r) => r.target === "peer");
if (peer) {
  console.log("\n  p50 vs metaflow-service (issue 9, reads: at least 2× faster, i.e. peer p50 / Flowdeck p50 ≥ 2):");
  const p50 = (r: Result, route: Route): number => {
    if (route === "Flow(F).latest_run") return r.latest && typeof r.latest !== "string" ? r.latest.p50 * 1000 : NaN;
    return r.routes.get(route)!.samples.q(0.5);
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
} else console.log("\n  no peer measured: no ratios (npm run bench:peer-setup, then run again).");
