// npm run bench:detail — a run of 10,000 tasks (a foreach) and a task with a
// 1,000,000-line log, on SQLite and on a throwaway PostgreSQL; prints p50/p95
// of the server's answer (HTTP round trip on localhost) for the run page, a
// timeline page, a tasks page, the first log page and a log search.
// `--db sqlite|postgresql` runs one; `--tasks N --lines N` change the sizes.
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { createDb, type Db } from "../db";
import { parseDatabaseUrl } from "../config/database";
import { applyMigrations } from "../migrations/apply";
import { createFlow, createRun, createStep, createTask } from "../data/ingest";
import { addMetadata } from "../data/task-data-write";
import { startApp, type AppServer } from "../app-server";
import { formatMflogLine } from "../domain/mflog";
// @ts-expect-error plain ESM helper without types
import { startPostgres } from "../../scripts/throwaway-postgres.mjs";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const TASKS = Number(arg("tasks", "10000"));
const LINES = Number(arg("lines", "1000000"));
const ROUNDS = Number(arg("rounds", "30"));
const KINDS = arg("db", "sqlite,postgresql").split(",");
const FLOW = "BenchDetailFlow";
const SYS = ["user:bench", "runtime:dev", "python_version:3.11.7", "metaflow_version:2.15.7"];

async function seed(db: Db, ds: string): Promise<{ logTask: string }> {
  const who = { userName: "bench", tags: [], systemTags: SYS };
  const t0 = Date.now() - 3_600_000;
  await createFlow(db, FLOW, who);
  const run = await createRun(db, FLOW, who);
  const key = String(run.runNumber);
  for (const s of ["start", "work", "end"]) await createStep(db, FLOW, key, s, who);
  const start = await createTask(db, FLOW, key, "start", who);
  const steps = await db.step.findMany({ where: { runId: run.dbId } });
  const work = steps.find((s) => s.name === "work")!;
  const rows = Array.from({ length: TASKS }, (_, i) => ({
    stepId: work.id,
    runId: run.dbId,
    userName: "bench",
    createdTs: t0 + i * 50,
    lastHeartbeatTs: (t0 + i * 50) / 1000 + 30,
    attempt: i % 97 === 0 ? 1 : 0,
    attemptOk: i % 251 === 0 ? false : true,
    finishedTs: t0 + i * 50 + 1000 + (i % 7) * 300,
  }));
  for (let i = 0; i < rows.length; i += 2000) await db.task.createMany({ data: rows.slice(i, i + 2000) });
  const ids = await db.task.findMany({ where: { stepId: work.id }, select: { id: true, createdTs: true, attempt: true } });
  const meta = ids.flatMap((t) => [
    {
      taskId: t.id,
      runId: run.dbId,
      fieldName: "attempt",
      value: String(t.attempt),
      type: "attempt",
      userName: "bench",
      tags: `["attempt_id:${t.attempt}"]`,
      createdTs: t.createdTs,
    },
    {
      taskId: t.id,
      runId: run.dbId,
      fieldName: "attempt_ok",
      value: "True",
      type: "attempt_ok",
      userName: "bench",
      tags: `["attempt_id:${t.attempt}"]`,
      createdTs: t.createdTs + 1000,
    },
    { taskId: t.id, runId: run.dbId, fieldName: "ds-root", value: ds, type: "ds-root", userName: "bench", tags: "[]", createdTs: t.createdTs },
  ]);
  for (let i = 0; i < meta.length; i += 5000) await db.metadata.createMany({ data: meta.slice(i, i + 5000) });
  const logTask = String(start.task.id);
  await addMetadata(db, FLOW, key, "start", logTask, [
    { fieldName: "ds-type", value: "local", type: "ds-type", userName: "bench", tags: [], systemTags: SYS },
    { fieldName: "ds-root", value: ds, type: "ds-root", userName: "bench", tags: [], systemTags: SYS },
  ]);
  const dir = path.join(ds, FLOW, key, "start", logTask);
  const { mkdirSync } = await import("node:fs");
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(path.join(dir, "0.task_stdout.log"));
  let batch = "";
  for (let i = 0; i < LINES; i++) {
    batch += `${formatMflogLine(t0 + i, "task", `step ${i}: loss=${(1 / (i + 1)).toFixed(6)} ${i === LINES - 10 ? "needle" : ""}`)}\n`;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await once(out, "drain");
      batch = "";
    }
  }
  out.end(batch);
  await once(out, "finish");
  return { logTask };
}

async function time(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - t;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function bench(kind: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "flowdeck-bench-detail-"));
  const ds = path.join(dir, "datastore");
  let pg: { url: string; stop: () => void } | null = null;
  let app: AppServer | null = null;
  try {
    let url = `file:${path.join(dir, "bench.db")}`;
    if (kind === "postgresql") {
      pg = await startPostgres();
      url = pg!.url;
    }
    const config = parseDatabaseUrl(url);
    await applyMigrations(config);
    const db = await createDb(config);
    const seeded = Date.now();
    const { logTask } = await seed(db, ds);
    console.log(
      `${kind}: seeded ${TASKS.toLocaleString("en-US")} tasks and a ${LINES.toLocaleString("en-US")}-line log in ${((Date.now() - seeded) / 1000).toFixed(1)} s`,
    );
    // The statistics autovacuum gathers within a minute of a bulk insert (it would plan a 10,000-task step as a dozen rows).
    if (kind === "postgresql") await db.$executeRawUnsafe("ANALYZE");
    app = await startApp({ databaseUrl: url, env: { FLOWDECK_DATASTORE_ROOTS: ds, FLOWDECK_USER: "bench" } });
    const base = `${app.url}`;
    const api = `${base}/api/v1/runs/${FLOW}/1`;
    // Cursors deep in the run, so pages are measured where they cost most.
    const cursors: string[] = [];
    let c: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: { nextCursor: string | null } = await (await fetch(`${api}/timeline?namespace=global&limit=500${c ? `&cursor=${c}` : ""}`)).json();
      c = page.nextCursor;
      if (!c) break;
      cursors.push(c);
    }
    const cases: [string, number, (i: number) => string][] = [
      ["run page (HTML, server-rendered)", 100, () => `${base}/runs/${FLOW}/1?namespace=global`],
      ["run page data (GET /runs/{f}/{r})", 100, () => `${api}?namespace=global`],
      ["DAG", 100, () => `${api}/dag?namespace=global`],
      [
        "timeline page (200 tasks)",
        20,
        (i) => `${api}/timeline?namespace=global&limit=200${i % 2 && cursors.length ? `&cursor=${cursors[i % cursors.length]}` : ""}`,
      ],
      ["tasks page (200, by start)", 20, (i) => `${api}/tasks?namespace=global&limit=200${i % 2 ? "&step=work" : ""}`],
      ["tasks page (200, failed, by duration)", 20, () => `${api}/tasks?namespace=global&limit=200&status=failed&sort=duration`],
      ["first log page (1,000 lines)", 50, () => `${api}/start/${logTask}/logs?namespace=global&limit=1000`],
      ["log search (1,000,000 lines)", 500, () => `${api}/start/${logTask}/logs?namespace=global&q=needle`],
    ];
    console.log(`${"case".padEnd(40)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}  target`);
    for (const [name, target, url] of cases) {
      await time(url(0));
      const xs: number[] = [];
      for (let i = 0; i < ROUNDS; i++) xs.push(await time(url(i)));
      const p95 = pct(xs, 95);
      console.log(`${name.padEnd(40)} ${pct(xs, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)}  ≤ ${target} ms ${p95 <= target ? "ok" : "MISSED"}`);
    }
    await db.$disconnect();
  } finally {
    await app?.stop();
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const kind of KINDS) await bench(kind);
