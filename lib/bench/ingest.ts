// npm run bench:ingest -- [--runs N] [--steps N] [--tasks N] [--metadata N] [--concurrency N] [--url URL] [--db sqlite|postgresql|both]
// Records runs × steps × tasks × metadata through the metadata API over HTTP,
// the way Metaflow's client does (run, steps, then per task: create, metadata,
// heartbeat, artifacts, attempt_ok), `concurrency` requests in flight, and
// prints runs/s, tasks/s and request latency per database. Without --url it
// starts the built app on a fresh SQLite file and on a throwaway PostgreSQL.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startApp } from "../app-server";
import { parseDatabaseUrl } from "../config/database";
import { applyMigrations } from "../migrations/apply";
// @ts-expect-error plain ESM helper without types
import { startPostgres as startPostgresUntyped } from "../../scripts/throwaway-postgres.mjs";

const startPostgres = startPostgresUntyped as () => Promise<{ url: string; stop: () => void }>;

type Options = { runs: number; steps: number; tasks: number; metadata: number; concurrency: number; url?: string; dbs: string[] };
const USAGE = "Flags: --runs 20 --steps 3 --tasks 10 --metadata 10 --concurrency 16 [--url http://host:3000] [--db sqlite|postgresql|both]";

function parse(argv: string[]): Options {
  const o: Options = { runs: 20, steps: 3, tasks: 10, metadata: 10, concurrency: 16, dbs: ["sqlite", "postgresql"] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value`);
    const count = () => {
      const n = Number(value());
      return Number.isSafeInteger(n) && n > 0 ? n : fail(`${flag} must be a positive whole number`);
    };
    if (flag === "--runs") o.runs = count();
    else if (flag === "--steps") o.steps = count();
    else if (flag === "--tasks") o.tasks = count();
    else if (flag === "--metadata") o.metadata = count();
    else if (flag === "--concurrency") o.concurrency = count();
    else if (flag === "--url") o.url = value().replace(/\/+$/, "");
    else if (flag === "--db") {
      const v = value();
      o.dbs = v === "both" ? ["sqlite", "postgresql"] : [v];
      if (!["sqlite", "postgresql", "both"].includes(v)) fail(`--db must be sqlite, postgresql or both`);
    } else if (flag === "--help") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown flag ${argv[i]}`);
  }
  return o;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

/** Runs jobs with at most `limit` in flight; jobs may enqueue more. */
function pool(limit: number) {
  const queue: (() => Promise<void>)[] = [];
  let active = 0;
  let done: () => void;
  let failed: (e: unknown) => void;
  const finished = new Promise<void>((res, rej) => ((done = res), (failed = rej)));
  const next = () => {
    while (active < limit && queue.length) {
      const job = queue.shift()!;
      active++;
      job().then(() => {
        active--;
        if (!active && !queue.length) done();
        else next();
      }, failed);
    }
  };
  return { add: (job: () => Promise<void>) => (queue.push(job), next()), finished };
}

async function ingest(base: string, o: Options, flow: string) {
  const latencies: number[] = [];
  const failures: string[] = [];
  const send = async (method: string, p: string, body: unknown) => {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/metadata${p}`, { method, body: JSON.stringify(body), headers: { "content-type": "application/json" } });
    const json = await res.json();
    latencies.push(performance.now() - t0);
    if (res.status >= 300 && !(res.status === 409 && p.endsWith("/step"))) failures.push(`${method} ${p}: ${res.status}`);
    return json;
  };
  const who = { user_name: "bench", tags: ["bench"], system_tags: ["user:bench", "runtime:dev", "metaflow_version:2.19.38"] };
  const meta = (field: string, value: string) => ({ field_name: field, value, type: field, user_name: "bench", tags: ["attempt_id:0"] });
  await send("POST", `/flows/${flow}`, {});
  const p = pool(o.concurrency);
  const started = performance.now();
  const taskChain = (run: string, step: string) => async () => {
    const task = await send("POST", `/flows/${flow}/runs/${run}/steps/${step}/task`, who);
    const t = `/flows/${flow}/runs/${run}/steps/${step}/tasks/${task.task_id}`;
    await send("POST", `${t}/metadata`, Array.from({ length: o.metadata }, (_, i) => meta(`field-${i}`, `value-${i}`)));
    await send("POST", `${t}/heartbeat`, {});
    await send("POST", `${t}/artifact`, ["name", "_task_ok", "result"].map((name) => ({
      name, location: `/ds/${flow}/${name}`, ds_type: "local", sha: name, type: "metaflow.artifact", content_type: "gzip+pickle-v2", attempt_id: 0, user_name: "bench",
    })));
    await send("POST", `${t}/metadata`, [meta("attempt_ok", "True"), meta("attempt-done", "0")]);
  };
  for (let r = 0; r < o.runs; r++) {
    p.add(async () => {
      const run = (await send("POST", `/flows/${flow}/run`, who)).run_number;
      for (let s = 0; s < o.steps; s++) {
        await send("POST", `/flows/${flow}/runs/${run}/steps/step${s}/step`, who);
        for (let k = 0; k < o.tasks; k++) p.add(taskChain(run, `step${s}`));
      }
      await send("POST", `/flows/${flow}/runs/${run}/heartbeat`, {});
    });
  }
  await p.finished;
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    seconds, requests: latencies.length, failures,
    runsPerS: o.runs / seconds, tasksPerS: (o.runs * o.steps * o.tasks) / seconds, requestsPerS: latencies.length / seconds,
    p50: pct(0.5), p95: pct(0.95), p99: pct(0.99),
  };
}

function report(label: string, r: Awaited<ReturnType<typeof ingest>>) {
  const f = (n: number, d = 1) => n.toFixed(d);
  console.log(
    `${label.padEnd(12)} ${f(r.seconds)} s  ${f(r.runsPerS, 2)} runs/s  ${f(r.tasksPerS)} tasks/s  ${f(r.requestsPerS)} req/s  ` +
      `latency p50 ${f(r.p50)} ms  p95 ${f(r.p95)} ms  p99 ${f(r.p99)} ms  (${r.requests} requests, ${r.failures.length} failed)`,
  );
  for (const x of r.failures.slice(0, 10)) console.log(`  failed: ${x}`);
}

async function withApp(kind: string, fn: (url: string) => Promise<void>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "flowdeck-bench-ingest-"));
  const pg = kind === "postgresql" ? await startPostgres() : null;
  try {
    const databaseUrl = pg ? pg.url : `file:${path.join(dir, "bench.db")}`;
    await applyMigrations(parseDatabaseUrl(databaseUrl));
    const app = await startApp({ databaseUrl });
    try {
      await fn(app.url);
    } finally {
      await app.stop();
    }
  } finally {
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const o = parse(process.argv.slice(2));
console.log(`bench:ingest ${o.runs} runs × ${o.steps} steps × ${o.tasks} tasks × ${o.metadata} metadata, concurrency ${o.concurrency}`);
if (o.url) {
  report(o.url, await ingest(o.url, o, `BenchFlow${Date.now()}`));
} else {
  for (const kind of o.dbs) await withApp(kind, async (url) => report(kind, await ingest(url, o, "BenchFlow")));
}
