// The one Prisma client. DATABASE_URL picks the database: file: → SQLite
// through better-sqlite3 (WAL, busy timeout); postgresql:// → a pg pool.
// Both clients come from the same schema; they share the PostgreSQL client's types.
import { PrismaClient } from "./generated/postgresql/client";
import { parseDatabaseUrl, pgPoolSize, type DatabaseConfig } from "./config/database";
import { attachDriver, driverOf, type Driver, type SqliteConnection } from "./data/driver";

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
  const { db, driver } = config.kind === "sqlite" ? await openSqlite(config.file) : await openPostgres(config.url);
  attachDriver(db, await driver);
  return db;
}

// The hot paths use the driver under Prisma's adapter directly: for SQLite the
// adapter's own connection (captured when Prisma connects, so that both share
// one writer), for PostgreSQL one pg pool given to Prisma.
async function openSqlite(file: string) {
  const [{ PrismaBetterSQLite3 }, { PrismaClient: SqliteClient }] = await Promise.all([
    import("@prisma/adapter-better-sqlite3"),
    import("./generated/sqlite/client"),
  ]);
  const factory = new PrismaBetterSQLite3({ url: file, timeout: 30_000 });
  let connected: (d: Driver) => void;
  const driver = new Promise<Driver>((resolve) => (connected = resolve));
  const adapter = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const a = await factory.connect();
      const conn = (a as unknown as { client: SqliteConnection }).client;
      // In WAL mode, NORMAL syncs at checkpoints rather than at every commit: a
      // commit survives Flowdeck being killed; only an OS crash or power loss
      // can take the last ones back (SQLite's own advice for WAL).
      conn.pragma("synchronous = NORMAL");
      // The run lists sort in a temporary B-tree; file-backed (the default), it cost a page of 50 runs 0.15 ms
      // more on this read-write connection (0.41 vs 0.26 ms). It holds one page of ids, never a big result.
      conn.pragma("temp_store = MEMORY");
      connected({ kind: "sqlite", conn });
      return a;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  } as typeof factory;
  const db = new SqliteClient({ adapter, transactionOptions }) as unknown as Db;
  await db.$connect();
  return { db, driver };
}

/**
 * Sent with every connection. random_page_cost: PostgreSQL's default (4)
 * prices a disk seek; Flowdeck's tables are read from memory, where a seek
 * costs about what a sequential page does (1.1, the usual setting for cached
 * or SSD data). With 4, a table of a few pages (run_tag_sets of a few hundred
 * runs) is scanned whole once for every run a list returns, rather than looked
 * up by its primary key. A connection string's own `options` replace these.
 */
const PG_SESSION_OPTIONS = "-c random_page_cost=1.1";

async function openPostgres(url: string) {
  const [{ PrismaPg }, { default: pg }] = await Promise.all([import("@prisma/adapter-pg"), import("pg")]);
  // FLOWDECK_PG_POOL_SIZE connections in all: half for the metadata API's writes, the rest for everything else.
  const size = pgPoolSize();
  const writes = Math.max(1, Math.floor(size / 2));
  const poolOf = (max: number) =>
    new pg.Pool({
      connectionString: url,
      max,
      connectionTimeoutMillis: 10_000,
      // No statement may hold a connection (and the server) for long: a runaway
      // query is cancelled by PostgreSQL itself and answered 503.
      statement_timeout: Number(process.env.FLOWDECK_PG_STATEMENT_TIMEOUT_MS ?? 15_000),
      options: PG_SESSION_OPTIONS,
    });
  const pool = poolOf(Math.max(1, size - writes));
  const db = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions });
  return { db, driver: Promise.resolve<Driver>({ kind: "postgresql", pool, writes: poolOf(writes) }) };
}

let pending: Promise<Db> | undefined;

/** The process-wide client, created on first use. */
export async function getDb(): Promise<Db> {
  const h = holder.__flowdeck!;
  if (h.db) return h.db;
  pending ??= createDb(databaseConfig()).then((db) => (h.db = db));
  return pending;
}

/** Closes the process-wide client and the pg pools under it. */
export async function closeDb(): Promise<void> {
  const db = holder.__flowdeck!.db;
  if (db) await closeClient(db);
}

/** Closes a client from createDb and its pg pools (Prisma leaves a pool it was given open). */
export async function closeClient(db: Db): Promise<void> {
  await db.$disconnect();
  const driver = driverOf(db);
  if (driver.kind === "postgresql") await Promise.all([driver.pool, driver.writes].filter((p) => !p.ended).map((p) => p.end()));
}

export function isPostgres(): boolean {
  return databaseConfig().kind === "postgresql";
}
