// Runs a block of integration tests against both databases:
//
//   forEachDatabase("tags", (t) => {
//     it("adds a tag", async () => { await t.db.run.findMany(); … });
//   });
//
// Each describe gets a fresh database (SQLite: a new file in a temp dir;
// PostgreSQL: a new database in the run's throwaway cluster), migrated with
// lib/migrations/apply.ts, and a Prisma client from lib/db.ts. `t.*` may be
// read inside tests and hooks only (they are set in beforeAll).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { parseDatabaseUrl, type DatabaseConfig } from "@/lib/config/database";
import { createDb, type Db } from "@/lib/db";
import { applyMigrations } from "@/lib/migrations/apply";

export type DatabaseKind = DatabaseConfig["kind"];
export const DATABASE_KINDS: readonly DatabaseKind[] = ["sqlite", "postgresql"];

export type DatabaseContext = {
  readonly kind: DatabaseKind;
  /** DATABASE_URL of this describe's database. */
  readonly url: string;
  readonly config: DatabaseConfig;
  /** Prisma client on this describe's database (absent with { client: false }). */
  readonly db: Db;
  /** Another fresh, empty (unmigrated) database of the same kind. */
  newDatabase(): Promise<string>;
};

export type ForEachDatabaseOptions = {
  /** Apply the migrations before the tests (default true). */
  migrate?: boolean;
  /** Open a Prisma client (default true). */
  client?: boolean;
};

let counter = 0;
const tempDirs: string[] = [];

function uniqueName(): string {
  return `t_${process.pid}_${Date.now().toString(36)}_${(counter++).toString(36)}`;
}

/** The throwaway cluster's URL, from the global setup. */
export function postgresAdminUrl(): string {
  const url = inject("pgUrl") ?? process.env.FLOWDECK_TEST_PG_URL;
  if (!url) throw new Error("No test PostgreSQL: run integration tests through vitest's integration project.");
  return url;
}

/** A fresh, empty database of the given kind; returns its DATABASE_URL. */
export async function freshDatabaseUrl(kind: DatabaseKind): Promise<string> {
  const name = uniqueName();
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "flowdeck-test-"));
    tempDirs.push(dir);
    return `file:${path.join(dir, `${name}.db`)}`;
  }
  const admin = new pg.Client({ connectionString: postgresAdminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export function forEachDatabase(name: string, fn: (t: DatabaseContext) => void, { migrate = true, client = true }: ForEachDatabaseOptions = {}) {
  for (const kind of DATABASE_KINDS) {
    describe(`${name} [${kind}]`, () => {
      let url: string | undefined;
      let config: DatabaseConfig | undefined;
      let db: Db | undefined;
      const ready = <T>(value: T | undefined, what: string): T => {
        if (value === undefined) throw new Error(`t.${what} is only available inside tests and hooks of "${name}".`);
        return value;
      };
      const t: DatabaseContext = {
        kind,
        get url() {
          return ready(url, "url");
        },
        get config() {
          return ready(config, "config");
        },
        get db() {
          return ready(db, "db");
        },
        newDatabase: () => freshDatabaseUrl(kind),
      };

      beforeAll(async () => {
        url = await freshDatabaseUrl(kind);
        config = parseDatabaseUrl(url);
        if (migrate) await applyMigrations(config);
        if (client) db = await createDb(config);
      });

      afterAll(async () => {
        await db?.$disconnect();
      });

      fn(t);
    });
  }
}

afterAll(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
