// Applies prisma/migrations/<provider>/*.sql in order, each in its own
// transaction, recording name and checksum. Safe when several instances start
// at once (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock). Refuses a
// database that has edited migrations or migrations this code does not know.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { UserError } from "../errors";
import type { DatabaseConfig } from "../config/database";
import { describePgError } from "./pg-errors";

export type Migration = { name: string; sql: string; checksum: string };
type Applied = { name: string; checksum: string };

const TABLE = "_flowdeck_migrations";
const LOCK_KEY = 727_000_451;

export function migrationsDir(provider: DatabaseConfig["kind"]): string {
  return path.resolve(import.meta.dirname, "../../prisma/migrations", provider);
}

export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => {
      const sql = readFileSync(path.join(dir, f), "utf8");
      return { name: f.replace(/\.sql$/, ""), sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Which migrations still need applying; throws when the database and the code disagree. */
export function pendingMigrations(known: Migration[], applied: Applied[]): Migration[] {
  const byName = new Map(known.map((m) => [m.name, m]));
  for (const a of applied) {
    const m = byName.get(a.name);
    if (!m) {
      throw new UserError(
        "config",
        `The database has migration ${a.name}, which this version of Flowdeck does not have: it was written by a newer version. Upgrade Flowdeck or point DATABASE_URL at another database.`,
      );
    }
    if (m.checksum !== a.checksum) {
      throw new UserError(
        "config",
        `Migration ${a.name} was edited after it was applied to this database. Restore the original file and add a new migration instead.`,
      );
    }
  }
  const done = new Set(applied.map((a) => a.name));
  return known.filter((m) => !done.has(m.name));
}

export async function applyMigrations(config: DatabaseConfig, dir = migrationsDir(config.kind)) {
  const known = readMigrations(dir);
  return config.kind === "sqlite" ? applySqlite(config.file, known) : applyPostgres(config.url, known);
}

async function applySqlite(file: string, known: Migration[]): Promise<string[]> {
  const { default: Database } = await import("better-sqlite3");
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 30_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at REAL NOT NULL)`);
    const appliedNow: string[] = [];
    for (;;) {
      db.exec("BEGIN IMMEDIATE");
      try {
        const applied = db.prepare(`SELECT name, checksum FROM ${TABLE} ORDER BY name`).all() as Applied[];
        const next = pendingMigrations(known, applied)[0];
        if (!next) {
          db.exec("COMMIT");
          return appliedNow;
        }
        db.exec(next.sql);
        db.prepare(`INSERT INTO ${TABLE} (name, checksum, applied_at) VALUES (?, ?, ?)`).run(next.name, next.checksum, Date.now());
        db.exec("COMMIT");
        appliedNow.push(next.name);
      } catch (e) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw e;
      }
    }
  } finally {
    db.close();
  }
}

async function applyPostgres(url: string, known: Migration[]): Promise<string[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (e) {
    throw describePgError(e, url);
  }
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at DOUBLE PRECISION NOT NULL)`);
    const { rows } = await client.query<Applied>(`SELECT name, checksum FROM ${TABLE} ORDER BY name`);
    const pending = pendingMigrations(known, rows);
    for (const m of pending) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO ${TABLE} (name, checksum, applied_at) VALUES ($1, $2, $3)`, [m.name, m.checksum, Date.now()]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new UserError("config", `Migration ${m.name} failed and was rolled back: ${(e as Error).message}`);
      }
    }
    return pending.map((m) => m.name);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

export function ensureDataDir(config: DatabaseConfig) {
  if (config.kind === "sqlite" && !existsSync(path.dirname(config.file))) {
    mkdirSync(path.dirname(config.file), { recursive: true });
  }
}
