import "server-only";
// The database drivers under Prisma, for the hot paths (the metadata API):
// better-sqlite3's one connection, the very one Prisma's adapter uses; on
// PostgreSQL the pg pool Prisma shares, and a pool of its own for the metadata
// API's writes (record-writer.ts): fifty Metaflow tasks writing without pause
// would fill a shared pool's queue, and every query of a page, several one
// after another, would wait behind theirs. A query here costs the driver's
// time only, about a tenth of a Prisma call. Statements are Prisma.Sql
// values, which carry both placeholder styles (`?` for SQLite, `$1` for
// PostgreSQL).
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import type BetterSqlite3 from "better-sqlite3";
import pg, { type Pool, type PoolClient } from "pg";
import { UserError } from "../errors";
import type { Db } from "../db";
import type { Prisma } from "./sql";

export type SqliteConnection = BetterSqlite3.Database;
export type Driver = { kind: "sqlite"; conn: SqliteConnection } | { kind: "postgresql"; pool: Pool; writes: Pool };
export type Row = Record<string, unknown>;

// On globalThis: the client is shared process-wide (lib/db.ts), and the custom
// server and Next's bundles each load their own copy of this module.
const g = globalThis as unknown as {
  __flowdeckDrivers?: WeakMap<object, Driver>;
  __flowdeckClientWaits?: AsyncLocalStorage<AbortSignal>;
};
const drivers = (g.__flowdeckDrivers ??= new WeakMap<object, Driver>());

export function attachDriver(db: Db, driver: Driver): void {
  drivers.set(db, driver);
  if (driver.kind === "sqlite") countPrismaStatements(driver.conn);
  else {
    for (const pool of [driver.pool, driver.writes]) pool.on("connect", countClientStatements);
    cancelWhenClientLeaves(driver.pool);
  }
}

export function driverOf(db: Db): Driver {
  const d = drivers.get(db);
  if (!d) throw new Error("This database client was not opened by createDb: it has no driver.");
  return d;
}

// ---- Counting statements (FLOWDECK_COUNT_STATEMENTS=1): a diagnostic that
// tests use to hold the hot routes to their statement budget.
const counting = process.env.FLOWDECK_COUNT_STATEMENTS === "1";
const scope = new AsyncLocalStorage<{ statements: number }>();

/** Runs fn, and tells how many statements it sent (null unless counting is on). */
export async function countingStatements<T>(fn: () => Promise<T>): Promise<{ value: T; statements: number | null }> {
  if (!counting) return { value: await fn(), statements: null };
  const store = { statements: 0 };
  const value = await scope.run(store, fn);
  return { value, statements: store.statements };
}

const noteStatement = () => {
  const s = scope.getStore();
  if (s) s.statements++;
};

const originalPrepare = new WeakMap<SqliteConnection, SqliteConnection["prepare"]>();

// Prisma's SQLite adapter prepares every statement it runs: count those calls.
function countPrismaStatements(conn: SqliteConnection) {
  const prepare = conn.prepare.bind(conn);
  originalPrepare.set(conn, prepare);
  if (!counting) return;
  conn.prepare = ((source: string) => {
    noteStatement();
    return prepare(source);
  }) as SqliteConnection["prepare"];
}

// Every statement on PostgreSQL (Prisma's and ours) goes through a pooled client's query.
function countClientStatements(client: PoolClient) {
  if (!counting) return;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    noteStatement();
    return query(...args);
  };
}

// ---- SQLite: prepared once per connection and text, run synchronously.
const statements = new WeakMap<SqliteConnection, Map<string, BetterSqlite3.Statement>>();
const MAX_CACHED = 500;

function prepared(conn: SqliteConnection, text: string): BetterSqlite3.Statement {
  let cache = statements.get(conn);
  if (!cache) statements.set(conn, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) {
    if (cache.size >= MAX_CACHED) cache.clear();
    stmt = (originalPrepare.get(conn) ?? conn.prepare.bind(conn))(text);
    // Prisma's adapter turns on BigInt integers for the connection; ids here are plain numbers.
    if (stmt.reader) stmt.safeIntegers(false);
    cache.set(text, stmt);
  }
  return stmt;
}

const sqliteValue = (v: unknown) => (typeof v === "boolean" ? (v ? 1 : 0) : v);

/** Synchronous SQLite statements, for use inside sqliteWrite (or alone when reading). */
export const sqlite = {
  all<T = Row>(conn: SqliteConnection, q: Prisma.Sql): T[] {
    noteStatement();
    const stmt = prepared(conn, q.sql);
    const values = q.values.map(sqliteValue);
    if (stmt.reader) return stmt.all(...values) as T[];
    stmt.run(...values);
    return [];
  },
  get<T = Row>(conn: SqliteConnection, q: Prisma.Sql): T | undefined {
    noteStatement();
    const stmt = prepared(conn, q.sql);
    return stmt.get(...q.values.map(sqliteValue)) as T | undefined;
  },
  run(conn: SqliteConnection, q: Prisma.Sql): number {
    noteStatement();
    return prepared(conn, q.sql).run(...q.values.map(sqliteValue)).changes;
  },
};

/**
 * Waits until Prisma has no transaction open on the shared connection: a
 * statement sent meanwhile would join that transaction. Once it is idle,
 * synchronous work cannot interleave with anything else in this process.
 */
async function idle(conn: SqliteConnection): Promise<void> {
  while (conn.inTransaction) await new Promise((r) => setImmediate(r));
}

/** Several SQLite statements as one transaction, run without yielding. */
export async function sqliteWrite<T>(conn: SqliteConnection, fn: () => T): Promise<T> {
  await idle(conn);
  return conn.transaction(fn).immediate();
}

export async function sqliteRead<T>(conn: SqliteConnection, fn: () => T): Promise<T> {
  await idle(conn);
  return fn();
}

// ---- PostgreSQL: one round trip per statement; named statements are parsed
// and planned once per connection.
const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    if (names.size >= MAX_CACHED) names.clear();
    names.set(text, (name = `fd_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`));
  }
  return name;
}

/** `named`: prepare once per connection (statements of fixed text, run often). */
export async function pgQuery<T = Row>(pool: Pool, q: Prisma.Sql, named = false): Promise<T[]> {
  const text = q.text; // built anew on every read of the getter
  const res = await pool.query({ text, values: q.values as unknown[], name: named ? statementName(text) : undefined });
  return res.rows as T[];
}

/**
 * A read of many rows as arrays, one value per selected column in order:
 * neither driver builds an object with named keys per row (on SQLite that is
 * about 40% of reading 400 runs).
 */
export async function queryArrays(db: Db, q: Prisma.Sql, named = false): Promise<unknown[][]> {
  const d = driverOf(db);
  if (d.kind === "postgresql") {
    const text = q.text;
    return (await d.pool.query({ text, values: q.values as unknown[], name: named ? statementName(text) : undefined, rowMode: "array" })).rows as unknown[][];
  }
  return sqliteRead(d.conn, () => {
    noteStatement();
    const stmt = prepared(d.conn, q.sql);
    // Synchronous: no other use of this cached statement runs in between.
    stmt.raw(true);
    try {
      return stmt.all(...q.values.map(sqliteValue)) as unknown[][];
    } finally {
      stmt.raw(false);
    }
  });
}

/** A read on either database: one statement. */
export async function queryRows<T = Row>(db: Db, q: Prisma.Sql, named = false): Promise<T[]> {
  const d = driverOf(db);
  if (d.kind === "postgresql") return pgQuery<T>(d.pool, q, named);
  return sqliteRead(d.conn, () => sqlite.all<T>(d.conn, q));
}

// ---- Reads whose client may leave (PostgreSQL): a statement of a request
// whose connection closes before the answer is cancelled, rather than left to
// run until the statement timeout while holding a pool connection. SQLite's
// statements are synchronous, bounded and cannot be interrupted from the same
// thread: there the scope changes nothing.
// On globalThis (see drivers above): the pool may have been patched by the other copy.
const clientWaits = (g.__flowdeckClientWaits ??= new AsyncLocalStorage<AbortSignal>());

/**
 * Runs reads while the client waits: on PostgreSQL, statements sent through
 * the pool inside fn are cancelled once `signal` aborts (the client has gone).
 * Only for reads: a cancelled write would be a lost one.
 */
export async function whileClientWaits<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
  if (!signal) return fn();
  try {
    return await clientWaits.run(signal, fn);
  } catch (e) {
    if (signal.aborted) throw new UserError("unavailable", "The client closed the connection before the answer: its query was cancelled.");
    throw e;
  }
}

type Query = (...args: unknown[]) => Promise<unknown>;

// Prisma's adapter and pgQuery both send their statements through pool.query:
// inside whileClientWaits, it takes a client itself (as pool.query does) so as
// to know which backend to cancel. Outside, nothing changes.
function cancelWhenClientLeaves(pool: Pool) {
  const query = pool.query.bind(pool) as unknown as Query;
  (pool as unknown as { query: Query }).query = (...args: unknown[]) => {
    const signal = clientWaits.getStore();
    if (!signal || typeof args.at(-1) === "function") return query(...args);
    return queryCancellable(pool, signal, args);
  };
}

async function queryCancellable(pool: Pool, signal: AbortSignal, args: unknown[]): Promise<unknown> {
  const client = await pool.connect();
  let cancelled = false;
  const cancel = () => {
    cancelled = true;
    sendCancelRequest(client);
  };
  try {
    const running = (client.query as unknown as Query)(...args);
    if (signal.aborted) cancel();
    else signal.addEventListener("abort", cancel, { once: true });
    return await running;
  } finally {
    signal.removeEventListener("abort", cancel);
    // A cancel request still on its way could hit the next statement of a reused connection: drop this one.
    client.release(cancelled);
  }
}

/** PostgreSQL's cancel request (its own short connection, no pool slot, no sign-in), as libpq's PQcancel sends it. */
function sendCancelRequest(client: PoolClient) {
  const c = client as unknown as { processID: number; secretKey: number; host: string; port: number };
  type CancelConnection = { on(e: string, f: () => void): void; connect(portOrPath: number | string, host?: string): void; cancel(pid: number, key: number): void };
  const con = new pg.Connection() as unknown as CancelConnection; // @types/pg leaves out these methods
  con.on("error", () => {}); // the server closes the connection once it has read the request
  con.on("connect", () => con.cancel(c.processID, c.secretKey));
  if (c.host?.startsWith("/")) con.connect(`${c.host}/.s.PGSQL.${c.port}`);
  else con.connect(c.port, c.host);
}
