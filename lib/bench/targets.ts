// Finds or builds the fixture database of each kind. A complete fixture of the
// requested size is reused (pending migrations are applied to it); anything
// else is rebuilt. SQLite: bench-data/flowdeck-<runs>.db. PostgreSQL: database
// flowdeck_<runs> in the cluster under bench-data/pg, or the --pg-url database.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { parseDatabaseUrl, type DatabaseConfig } from "../config/database";
import { applyMigrations } from "../migrations/apply";
import { benchCluster, type BenchCluster } from "./pg-cluster";
import { analyze } from "./write-sqlite";
import { buildFixture } from "./build";
import { FIXTURE_VERSION } from "./writer";
import type { BenchOptions, DbKind } from "./options";
import type { FixtureSpec } from "./fixture";

export type Fixture = { kind: DbKind; config: DatabaseConfig; spec: FixtureSpec; generatedMs?: number };
type Meta = { runs: number; seed: number; now_ms: number; version: number; complete: boolean | number };

const usable = (m: Meta | undefined, o: BenchOptions) => !!m && !!m.complete && m.runs === o.runs && m.seed === o.seed && m.version === FIXTURE_VERSION;

const log = (s: string) => console.log(s);

/** Opens (building if needed) each fixture; `release` stops what was started here unless --keep. */
export async function withFixtures(o: BenchOptions, use: (f: Fixture) => Promise<void>) {
  mkdirSync(o.root, { recursive: true });
  for (const kind of o.dbs) {
    if (kind === "sqlite") await use(await sqliteFixture(o));
    else {
      const cluster = o.pgUrl ? undefined : await benchCluster(o.root);
      try {
        await use(await postgresFixture(o, cluster));
      } finally {
        if (cluster?.startedNow && !o.keep) cluster.stop();
        else if (cluster) log(`PostgreSQL fixture cluster left running at ${cluster.adminUrl}`);
      }
    }
  }
}

async function sqliteFixture(o: BenchOptions): Promise<Fixture> {
  const file = path.join(o.root, `flowdeck-${o.runs}.db`);
  const config = parseDatabaseUrl(`file:${file}`);
  let meta: Meta | undefined;
  if (existsSync(file) && !o.force) {
    const db = new Database(file, { readonly: true });
    try {
      meta = db.prepare("SELECT * FROM bench_fixture").get() as Meta | undefined;
    } catch {
      /* not a fixture */
    } finally {
      db.close();
    }
  }
  if (usable(meta, o)) return { kind: "sqlite", config, spec: await migrated(config, o, meta!) };
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  await applyMigrations(config);
  const spec = { runs: o.runs, seed: o.seed, nowMs: Date.now() };
  const generatedMs = await timed(`SQLite ${file}`, () => buildFixture(config, spec, log));
  return { kind: "sqlite", config, spec, generatedMs };
}

async function postgresFixture(o: BenchOptions, cluster: BenchCluster | undefined): Promise<Fixture> {
  const name = `flowdeck_${o.runs}`;
  const url = o.pgUrl ?? cluster!.urlFor(name);
  const config = parseDatabaseUrl(url);
  if (cluster) {
    await query(cluster.adminUrl, async (c) => {
      const exists = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (!exists.rowCount) await c.query(`CREATE DATABASE "${name}"`);
    });
  }
  const meta = o.force
    ? undefined
    : await query(url, async (c) => {
        const t = await c.query("SELECT to_regclass('bench_fixture') AS t");
        return t.rows[0].t ? ((await c.query("SELECT * FROM bench_fixture")).rows[0] as Meta | undefined) : undefined;
      });
  if (usable(meta, o)) return { kind: "postgresql", config, spec: await migrated(config, o, meta!) };
  await query(url, async (c) => {
    const ours = (await c.query("SELECT to_regclass('bench_fixture') AS t")).rows[0].t;
    const runs = (await c.query("SELECT to_regclass('runs') AS t")).rows[0].t;
    if (runs && !ours && !cluster) {
      throw new Error(
        `${config.kind === "postgresql" ? config.database : url} already holds Flowdeck data that is not a benchmark fixture: give --pg-url an empty database.`,
      );
    }
    await c.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
  });
  await applyMigrations(config);
  const spec = { runs: o.runs, seed: o.seed, nowMs: Date.now() };
  const label = config.kind === "postgresql" ? `PostgreSQL ${config.database} at ${config.host}:${config.port}` : url;
  const generatedMs = await timed(label, () => buildFixture(config, spec, log));
  return { kind: "postgresql", config, spec, generatedMs };
}

/** Applies migrations written after the fixture was built, then refreshes statistics. */
async function migrated(config: DatabaseConfig, o: BenchOptions, meta: Meta): Promise<FixtureSpec> {
  const applied = await applyMigrations(config);
  if (applied.length) {
    log(`Applied ${applied.join(", ")} to the existing fixture; analyzing.`);
    if (config.kind === "sqlite") {
      const db = new Database(config.file);
      analyze(db);
      db.close();
    } else await query(config.url, (c) => c.query("VACUUM (ANALYZE) runs, run_tags, tag_stats, flows"));
  }
  return { runs: meta.runs, seed: meta.seed, nowMs: Number(meta.now_ms) };
}

async function query<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function timed(label: string, fn: () => Promise<void>): Promise<number> {
  log(`Generating ${label}…`);
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  log(`Generated ${label} in ${(ms / 1000).toFixed(1)} s`);
  return ms;
}
