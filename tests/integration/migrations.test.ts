// The migration applier on both databases: from empty, idempotent, safe when
// two processes start at once, and refusing databases it must not touch.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, appendFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "@/lib/config/database";
import { createDb } from "@/lib/db";
import { applyMigrations, migrationsDir, readMigrations } from "@/lib/migrations/apply";
import { forEachDatabase } from "../setup/databases";

const root = path.resolve(import.meta.dirname, "../..");

type Result = { code: number | null; stdout: string; stderr: string };

/** Runs `npm run db:migrate`'s command (node --conditions=react-server --import tsx lib/cli/migrate.ts). */
function migrateCli(databaseUrl: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/migrate.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function appliedNames(url: string): Promise<string[]> {
  const db = await createDb(parseDatabaseUrl(url));
  try {
    const rows = await db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM _flowdeck_migrations ORDER BY name");
    return rows.map((r) => r.name);
  } finally {
    await db.$disconnect();
  }
}

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function expectOneSentence(r: Result) {
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split("\n");
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^Flowdeck: \S/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

forEachDatabase(
  "migrations",
  (t) => {
    const known = () => readMigrations(migrationsDir(t.kind)).map((m) => m.name);

    it("apply from empty, and a second time apply nothing", async () => {
      expect(known().length).toBeGreaterThan(0);
      expect(await applyMigrations(t.config)).toEqual(known());
      expect(await applyMigrations(t.config)).toEqual([]);
      expect(await appliedNames(t.url)).toEqual(known());
      // The schema is there and usable through Prisma.
      const db = await createDb(t.config);
      try {
        expect(await db.run.count()).toBe(0);
        expect(await db.flow.count()).toBe(0);
      } finally {
        await db.$disconnect();
      }
    });

    it("are applied once when two processes migrate at the same time", async () => {
      const url = await t.newDatabase();
      const [a, b] = await Promise.all([migrateCli(url), migrateCli(url)]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      expect(await appliedNames(url)).toEqual(known());
    });

    it("refuse a database that has a migration this version does not know", async () => {
      const url = await t.newDatabase();
      const config = parseDatabaseUrl(url);
      await applyMigrations(config);
      const db = await createDb(config);
      try {
        await db.$executeRawUnsafe("INSERT INTO _flowdeck_migrations (name, checksum, applied_at) VALUES ('9999_from_the_future', 'x', 0)");
      } finally {
        await db.$disconnect();
      }
      await expect(applyMigrations(config)).rejects.toThrow(/9999_from_the_future.*written by a newer version/);
    });

    it("refuse a migration edited after it was applied", async () => {
      const url = await t.newDatabase();
      const config = parseDatabaseUrl(url);
      const dir = mkdtempSync(path.join(os.tmpdir(), "flowdeck-migrations-"));
      try {
        cpSync(migrationsDir(t.kind), dir, { recursive: true });
        await applyMigrations(config, dir);
        const first = readdirSync(dir)
          .filter((f) => f.endsWith(".sql"))
          .sort()[0];
        appendFileSync(path.join(dir, first), "\n-- edited\n");
        await expect(applyMigrations(config, dir)).rejects.toThrow(new RegExp(`Migration ${first.replace(/\.sql$/, "")} was edited after it was applied`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("move the production history into the audit table and keep every token (0006)", async () => {
      const url = await t.newDatabase();
      const config = parseDatabaseUrl(url);
      const dir = mkdtempSync(path.join(os.tmpdir(), "flowdeck-migrations-"));
      try {
        for (const f of readdirSync(migrationsDir(t.kind)).filter((f) => f < "0006")) cpSync(path.join(migrationsDir(t.kind), f), path.join(dir, f));
        await applyMigrations(config, dir);
        const db = await createDb(config);
        try {
          // A deployment as 0001–0005 stored it: first deployed, then rotated by will.
          await db.$executeRawUnsafe(`INSERT INTO flows (id, name, user_name, created_ts) VALUES (1, 'OldFlow', 'anne', 1)`);
          await db.$executeRawUnsafe(
            `INSERT INTO deployments (id, flow_id, token, deployed_by, created_ts, updated_ts) VALUES (1, 1, 'oldflow-b', 'will', 10, 30)`,
          );
          await db.$executeRawUnsafe(`INSERT INTO production_events (deployment_id, kind, actor, token, message, ts) VALUES
            (1, 'deploy', 'anne', 'oldflow-a', 'First deployment', 10), (1, 'refuse', 'will', NULL, 'Refused', 15),
            (1, 'deploy', 'anne', 'oldflow-a', 'Redeployed', 20), (1, 'rotate', 'will', 'oldflow-b', 'New token', 30)`);
          await applyMigrations(config);
          const events = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
          expect(events.map((e) => [e.kind, e.actor, e.subject, JSON.parse(e.detail!).message])).toEqual([
            ["deploy", "anne", "OldFlow", "First deployment"],
            ["refuse", "will", "OldFlow", "Refused"],
            ["deploy", "anne", "OldFlow", "Redeployed"],
            ["rotate", "will", "OldFlow", "New token"],
          ]);
          const tokens = await db.deploymentToken.findMany({ orderBy: { createdTs: "asc" } });
          expect(tokens.map((x) => [x.token, x.createdBy, x.createdTs, x.replacedTs])).toEqual([
            ["oldflow-a", "anne", 10, 30],
            ["oldflow-b", "will", 30, null],
          ]);
        } finally {
          await db.$disconnect();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
  { migrate: false, client: false },
);

describe("migrate command errors", () => {
  it("a malformed DATABASE_URL gives one sentence, no stack", async () => {
    const r = await migrateCli("mysql://x");
    expectOneSentence(r);
    expect(r.stderr).toContain("DATABASE_URL");
  });

  it("an unreachable PostgreSQL gives one sentence, no stack", async () => {
    const port = await closedPort();
    const r = await migrateCli(`postgresql://flowdeck@127.0.0.1:${port}/flowdeck`);
    expectOneSentence(r);
    expect(r.stderr).toContain(`127.0.0.1:${port}`);
  });
});
