// npm run bench:load -- [--seconds 60] [--writers 50] [--readers 20] [--warmup 5] [--targets sqlite,postgresql] [--sse]
//
// The mixed load of issue 9 on one Flowdeck instance: `writers` Metaflow
// clients record runs through the metadata API (the shape of bench:ingest:
// runs of 3 steps × 2 tasks as the Python client sends them, one run after
// another), while `readers` dashboard users loop over what their browser
// requests: the runs list page (HTML), the runs list JSON React Query polls
// (/api/v1/runs?namespace=global&limit=50) and the page of a run picked from
// that list (HTML). No think time: every loop sends its next request as soon
// as the last one is answered. After --warmup seconds (not measured) the
// mix runs --seconds more; prints p50/p95/p99 and errors per route and
// whether the dashboard p95 ≤ 100 ms with 0 errors. --sse also keeps one
// /api/v1/events stream open per reader, as the pages do. --think-ms N is a
// second, more realistic mode: each reader waits N ms (uniformly 0.5–1.5 × N)
// before each request, as a person reading the page (and React Query's
// polling) does; the default, 0, is the no-think-time mode issue 9 measures.
import { setMaxListeners } from "node:events";
import http from "node:http";
import { closeIdleSockets } from "./http";
import { byRouteOrder, describeIssueShape, ISSUE_SHAPE, recordIssueRun } from "./metaflow-writer";
import { cpuMeter } from "./proc-cpu";
import { Recorder } from "./recorder";
import { benchCommand, chosenTargets, count, targetOptions } from "./options";
import { eachTarget, TARGET_LABEL, type Target, type TargetName } from "./servers";
import { fmt, machine, ms, postgresVersion, Samples, table } from "./stats";

type Options = { seconds: number; writers: number; readers: number; warmup: number; targets: TargetName[]; sse: boolean; flows: number; thinkMs: number };

function parse(argv: string[]): Options {
  const cmd = benchCommand("bench:load", "50 Metaflow writers and 20 dashboard readers on one Flowdeck instance (issue 9).")
    .option("--seconds <n>", "measured seconds per target", count(), 60)
    .option("--warmup <n>", "seconds before, not measured", count(0), 5)
    .option("--writers <n>", "Metaflow clients recording runs", count(0), 50)
    .option("--readers <n>", "dashboard users", count(0), 20)
    .option("--flows <n>", "flows the writers share", count(), 5)
    .option("--sse", "an event stream per reader", false)
    .option("--think-ms <n>", "readers wait 0.5–1.5 × n ms before each request (0: no think time, issue 9's mode)", count(0), 0);
  const o = targetOptions(cmd, ["sqlite", "postgresql"], ["sqlite", "postgresql"], ": metaflow-service has no dashboard, bench:load measures Flowdeck only")
    .parse(argv, { from: "user" })
    .opts<Omit<Options, "targets"> & { targets?: TargetName[]; db?: TargetName[] }>();
  return { ...o, targets: chosenTargets(o, ["sqlite", "postgresql"]) };
}

const DASHBOARD = ["home HTML /?namespace=global", "runs JSON /api/v1/runs", "run page HTML /runs/F/N"] as const;
type Result = { target: TargetName; rec: Recorder; seconds: number; tasks: number; cpu: Record<string, number>; sseMessages: number; sseErrors: number };

/** Holds GET /api/v1/events open until `signal` aborts; counts the messages. */
function eventStream(url: string, signal: AbortSignal, counts: { messages: number; errors: number }) {
  return new Promise<void>((resolve) => {
    const req = http.get(url, { headers: { accept: "text/event-stream" }, signal }, (res) => {
      if (res.statusCode !== 200) counts.errors++;
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (counts.messages += chunk.split("\n\n").length - 1));
      res.on("end", resolve);
      res.on("error", () => resolve());
    });
    req.on("error", (e) => {
      if (!signal.aborted) counts.errors++;
      void e;
      resolve();
    });
  });
}

async function measure(t: Target, o: Options): Promise<Result> {
  const app = t.app!;
  const rec = new Recorder();
  rec.counting = false;
  const writer = async (i: number) => {
    const flow = `LoadFlow${i % o.flows}`;
    while (!rec.stopped) await recordIssueRun(rec, t.metadata, flow, ISSUE_SHAPE);
  };
  const reader = async (i: number) => {
    let runs: { flow: string; runNumber: number; runId: string | null }[] = [];
    let k = i;
    const think = () => (o.thinkMs ? new Promise((r) => setTimeout(r, o.thinkMs * (0.5 + Math.random()))) : undefined);
    while (!rec.stopped) {
      await think();
      await rec.send(DASHBOARD[0], "GET", `${app}/?namespace=global`);
      await think();
      const list = await rec.send(DASHBOARD[1], "GET", `${app}/api/v1/runs?namespace=global&limit=50`);
      if (list) runs = JSON.parse(list.body).runs ?? runs;
      await think();
      if (runs.length) {
        const r = runs[k++ % runs.length];
        await rec.send(DASHBOARD[2], "GET", `${app}/runs/${encodeURIComponent(r.flow)}/${encodeURIComponent(r.runId ?? String(r.runNumber))}?namespace=global`);
      }
    }
  };
  const sse = { messages: 0, errors: 0 };
  const abort = new AbortController();
  setMaxListeners(o.readers + 10, abort.signal);
  const streams = o.sse ? Array.from({ length: o.readers }, () => eventStream(`${app}/api/v1/events?namespace=global`, abort.signal, sse)) : [];
  const loops = [...Array.from({ length: o.writers }, (_, i) => writer(i)), ...Array.from({ length: o.readers }, (_, i) => reader(i))];
  const meter = cpuMeter({ server: t.serverPid, db: t.dbPid });
  await new Promise<void>((resolve) =>
    setTimeout(() => {
      rec.counting = true;
      meter.reset();
      sse.messages = 0;
      setTimeout(() => {
        rec.stopped = true;
        resolve();
      }, o.seconds * 1000);
    }, o.warmup * 1000),
  );
  // Requests started before the end still count: the window closes when they are answered.
  await Promise.all(loops);
  const cpu = meter.delta();
  abort.abort();
  await Promise.all(streams);
  const tasks = rec.group("POST task").count;
  return { target: t.name, rec, seconds: cpu.wall / 1000, tasks, cpu, sseMessages: sse.messages, sseErrors: sse.errors };
}

const o = parse(process.argv.slice(2));
console.log(
  `bench:load · ${o.writers} writers (${describeIssueShape(ISSUE_SHAPE)}, one run after another, ${o.flows} flows) + ${o.readers} dashboard readers ` +
    `(home HTML, runs JSON, a run's page HTML, in a loop${o.sse ? ", plus one /api/v1/events stream each" : ""}), ` +
    `${o.thinkMs ? `think time 0.5–1.5 × ${o.thinkMs} ms before each request` : "no think time"}; ` +
    `${o.warmup} s warm-up then ${o.seconds} s measured per target · ${machine(o.targets.includes("postgresql") ? postgresVersion() : undefined)}`,
);
const results: Result[] = [];
await eachTarget(o.targets, async (t) => {
  results.push(await measure(t, o));
});
closeIdleSockets();

const pct = (cpuMs: number, r: Result) => `${fmt((100 * cpuMs) / (r.seconds * 1000), 0)}%`;
for (const r of results) {
  console.log(
    `\n  ${TARGET_LABEL[r.target]}: ${fmt(r.tasks / r.seconds)} tasks/s, ${fmt(r.rec.requests / r.seconds)} requests/s; CPU (% of one core): ` +
      `server ${pct(r.cpu.server, r)}, database ${Number.isFinite(r.cpu.db) ? pct(r.cpu.db, r) : "in the server"}, bench client ${pct(r.cpu.bench, r)}, other processes ${pct(r.cpu.other, r)}` +
      (o.sse ? `; ${r.sseMessages} event-stream messages, ${r.sseErrors} stream errors` : ""),
  );
  const dash = new Samples();
  const writes = new Samples();
  const rows: string[][] = [];
  for (const [g, s] of r.rec.groups) {
    const into = (DASHBOARD as readonly string[]).includes(g) ? dash : writes;
    into.values.push(...s.values);
    into.errors += s.errors;
  }
  const row = (name: string, s: Samples) => [
    name,
    String(s.count),
    fmt(s.count / r.seconds),
    ms(s.q(0.5)),
    ms(s.q(0.95)),
    ms(s.q(0.99)),
    ms(s.q(1)),
    String(s.errors),
  ];
  for (const [g, s] of [...r.rec.groups].sort(([a], [b]) => byRouteOrder(a, b))) if (!(DASHBOARD as readonly string[]).includes(g)) rows.push(row(`  ${g}`, s));
  rows.push(row("metadata API writes, all", writes));
  for (const g of DASHBOARD) rows.push(row(`  ${g}`, r.rec.groups.get(g) ?? new Samples()));
  rows.push(row("dashboard, all", dash));
  table(["route", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors"], rows, "    ");
  for (const f of r.rec.failures.slice(0, 5)) console.log(`    failed: ${f}`);
  const errors = r.rec.errors + r.sseErrors;
  const met = dash.q(0.95) <= 100 && errors === 0 && dash.count > 0;
  console.log(`    target (issue 9): dashboard p95 ${ms(dash.q(0.95))} ms (≤ 100 ms), ${errors} errors (0): ${met ? "met" : "not met"}`);
  if ((100 * r.cpu.other) / (r.seconds * 1000) > 10)
    console.log(`    note: other processes used ${pct(r.cpu.other, r)} of a core meanwhile: the figures may be worse than on a quiet machine.`);
}
