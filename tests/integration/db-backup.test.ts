// npm run db:backup: a consistent copy of the SQLite database while another
// process keeps writing to it; refusals in one sentence; PostgreSQL points to pg_dump.
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { createFlow, createRun } from "@/lib/data/ingest";

const root = path.resolve(import.meta.dirname, "../..");
const tmpFile = (name: string) => path.join(os.tmpdir(), `flowdeck-backup-${process.pid}-${Date.now().toString(36)}-${name}`);

function backup(databaseUrl: string, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "lib/cli/backup.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, out, err }));
  });
}

forEachDatabase("db:backup", (t) => {
  if (t.kind === "postgresql") {
    it("says to use pg_dump", async () => {
      const r = await backup(t.url, tmpFile("pg.db"));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/pg_dump/);
      expect(r.err).not.toMatch(/\n\s+at /); // one sentence, no stack trace
    });
    return;
  }

  it("copies a consistent database while writes go on, with every run acknowledged before it began", async () => {
    await createFlow(t.db, "BackupFlow", { userName: "anne" });
    const acknowledged: number[] = [];
    for (let i = 0; i < 200; i++) acknowledged.push((await createRun(t.db, "BackupFlow", { userName: "anne" })).runNumber);
    const before = [...acknowledged];

    let writing = true;
    let duringBackup = 0;
    const writer = (async () => {
      while (writing) {
        acknowledged.push((await createRun(t.db, "BackupFlow", { userName: "anne" })).runNumber);
        duringBackup++;
        // better-sqlite3 answers synchronously: let the event loop hear the backup process exit.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const target = tmpFile("copy.db");
    const r = await backup(t.url, target);
    writing = false;
    await writer;

    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(duringBackup).toBeGreaterThan(0);
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      const numbers = new Set(
        (copy.prepare("SELECT r.run_number AS n FROM runs r JOIN flows f ON f.id = r.flow_id WHERE f.name = 'BackupFlow'").all() as { n: number }[]).map(
          (x) => x.n,
        ),
      );
      expect(before.filter((n) => !numbers.has(n))).toEqual([]);
      // A snapshot: whatever it holds beyond those was acknowledged too.
      expect([...numbers].filter((n) => !acknowledged.includes(n))).toEqual([]);
    } finally {
      copy.close();
    }
  });

  it("refuses to overwrite a file unless asked", async () => {
    const target = tmpFile("existing.db");
    writeFileSync(target, "precious");
    const refused = await backup(t.url, target);
    expect(refused.code).toBe(1);
    expect(refused.err.trim()).toMatch(/already exists.*--force/);
    const forced = await backup(t.url, target, "--force");
    expect(forced.code).toBe(0);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    copy.close();
  });

  it("says what is wrong with a missing database or no file name", async () => {
    const missing = await backup(`file:${tmpFile("missing.db")}`, tmpFile("x.db"));
    expect(missing.code).toBe(1);
    expect(missing.err.trim()).toMatch(/^Flowdeck: There is no SQLite database at .* check DATABASE_URL\.$/);
    const usage = await backup(t.url);
    expect(usage.code).toBe(1);
    expect(usage.err).toMatch(/Usage: npm run db:backup -- FILE/);
    expect(existsSync(tmpFile("x.db"))).toBe(false);
  });
});
