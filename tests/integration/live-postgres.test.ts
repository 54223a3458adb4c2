// Live updates across app instances on PostgreSQL: two separate processes,
// each with its own LISTEN connection, hear the runs the other records, and
// a listener whose connection is dropped reconnects and tells its subscribers
// to resync.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freshDatabaseUrl } from "../setup/databases";
import { parseDatabaseUrl } from "@/lib/config/database";
import { createDb, type Db } from "@/lib/db";
import { applyMigrations } from "@/lib/migrations/apply";
import { createFlow, createRun } from "@/lib/data/ingest";

type Line = { ready?: boolean; pid?: number; message?: { kind: string; flow?: string; runNumber?: number }; created?: number };

class Instance {
  readonly lines: Line[] = [];
  private waiters: (() => void)[] = [];
  constructor(readonly child: ChildProcessWithoutNullStreams) {
    readline.createInterface({ input: child.stdout }).on("line", (l) => {
      try {
        this.lines.push(JSON.parse(l));
      } catch {
        return;
      }
      for (const w of this.waiters.splice(0)) w();
    });
    child.stderr.on("data", (d) => process.stderr.write(`[instance] ${d}`));
  }
  async waitFor(pred: (l: Line) => boolean, what: string, ms = 15_000): Promise<Line> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.lines.find(pred);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.lines)}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }
  send(line: string) {
    this.child.stdin.write(`${line}\n`);
  }
}

const root = path.resolve(import.meta.dirname, "../..");
let url = "";
let db: Db;
const instances: Instance[] = [];

function start(): Instance {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/integration/fixtures/live-instance.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
  });
  const instance = new Instance(child);
  instances.push(instance);
  return instance;
}
const runEvent = (flow: string, runNumber: number) => (l: Line) =>
  l.message?.kind === "run_created" && l.message.flow === flow && l.message.runNumber === runNumber;

beforeAll(async () => {
  url = await freshDatabaseUrl("postgresql");
  const config = parseDatabaseUrl(url);
  await applyMigrations(config);
  db = await createDb(config);
  await createFlow(db, "LiveFlow", { userName: "anne" });
});

afterAll(async () => {
  for (const i of instances) i.child.kill();
  await db?.$disconnect();
});

it("two instances each hear the runs the other records, and this process's too", async () => {
  const a = start();
  const b = start();
  await Promise.all([a.waitFor((l) => !!l.ready, "instance a"), b.waitFor((l) => !!l.ready, "instance b")]);

  a.send("create LiveFlow anne");
  const { created } = await a.waitFor((l) => l.created !== undefined, "a's run");
  await b.waitFor(runEvent("LiveFlow", created!), "b hearing a's run");
  await a.waitFor(runEvent("LiveFlow", created!), "a hearing its own run");

  b.send("create LiveFlow will");
  const second = (await b.waitFor((l) => l.created !== undefined, "b's run")).created!;
  await a.waitFor(runEvent("LiveFlow", second), "a hearing b's run");

  const third = await createRun(db, "LiveFlow", { userName: "anne", systemTags: ["user:anne"] });
  await a.waitFor(runEvent("LiveFlow", third.runNumber), "a hearing this process's run");
  await b.waitFor(runEvent("LiveFlow", third.runNumber), "b hearing this process's run");
});

it("reconnects after its connection drops, asks to resync, and hears changes again", async () => {
  const a = instances[0];
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    );
    expect(rows.length).toBe(2);
  } finally {
    await admin.end();
  }
  // A listener announces "resync" only once its new LISTEN is in place, so
  // both must have said it before a run is recorded, or b may miss the run.
  const resynced = (l: Line) => l.message?.kind === "resync";
  await Promise.all([a.waitFor(resynced, "a resyncing after the drop"), instances[1].waitFor(resynced, "b resyncing after the drop")]);
  const run = await createRun(db, "LiveFlow", { userName: "anne", systemTags: ["user:anne"] });
  await a.waitFor(runEvent("LiveFlow", run.runNumber), "a hearing a run after reconnecting");
  await instances[1].waitFor(runEvent("LiveFlow", run.runNumber), "b hearing a run after reconnecting");
});

it("announces a run whose tags would not fit in a notification, without the tags", async () => {
  const tags = Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(500, "x"));
  const run = await createRun(db, "LiveFlow", { userName: "anne", tags, systemTags: ["user:anne"] });
  const heard = await instances[0].waitFor(runEvent("LiveFlow", run.runNumber), "the run with 50 long tags");
  expect((heard.message as { tags?: string[] }).tags).toBeUndefined();
});
