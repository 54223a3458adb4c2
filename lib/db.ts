// The one Prisma client. DATABASE_URL picks the database: file: → SQLite
// through better-sqlite3 (WAL, busy timeout); postgresql:// → a pg pool.
// Both clients come from the same schema; they share the PostgreSQL client's types.
import { PrismaClient } from "./generated/postgresql/client";
import { parseDatabaseUrl, type DatabaseConfig } from "./config/database";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

type Holder = { db?: Db; config?: DatabaseConfig };
const holder = globalThis as unknown as { __flowdeck?: Holder };
holder.__flowdeck ??= {};

export function databaseConfig(): DatabaseConfig {
  const h = holder.__flowdeck!;
  h.config ??= parseDatabaseUrl(process.env.DATABASE_URL);
  return h.config;
}

const dialects = new WeakMap<object, DatabaseConfig["kind"]>();

/** Which database a client talks to. */
export function dialectOf(db: Db): DatabaseConfig["kind"] {
  return dialects.get(db) ?? databaseConfig().kind;
}

export async function createDb(config: DatabaseConfig): Promise<Db> {
  const db = await openClient(config);
  dialects.set(db, config.kind);
  return db;
}

// Under load, transactions queue (SQLite: one writer; PostgreSQL: the pool):
// Prisma's defaults (2 s to start, 5 s to run) would fail busy ingestion.
const transactionOptions = { maxWait: 30_000, timeout: 60_000 };

async function openClient(config: DatabaseConfig): Promise<Db> {
  if (config.kind === "sqlite") {
    const [{ PrismaBetterSQLite3 }, { PrismaClient: SqliteClient }] = await Promise.all([
      import("@prisma/adapter-better-sqlite3"),
      import("./generated/sqlite/client"),
    ]);
    const adapter = new PrismaBetterSQLite3({ url: config.file, timeout: 30_000 });
    return new SqliteClient({ adapter, transactionOptions }) as unknown as Db;
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const adapter = new PrismaPg({
    connectionString: config.url,
    max: Number(process.env.FLOWDECK_PG_POOL_SIZE ?? 10),
    connectionTimeoutMillis: 10_000,
  });
  return new PrismaClient({ adapter, transactionOptions });
}

let pending: Promise<Db> | undefined;

/** The process-wide client, created on first use. */
export async function getDb(): Promise<Db> {
  const h = holder.__flowdeck!;
  if (h.db) return h.db;
  pending ??= createDb(databaseConfig()).then((db) => (h.db = db));
  return pending;
}

export function isPostgres(): boolean {
  return databaseConfig().kind === "postgresql";
}
