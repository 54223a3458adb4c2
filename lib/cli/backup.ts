// npm run db:backup -- FILE [--force] — a consistent copy of the SQLite
// database of DATABASE_URL, safe while the app serves: SQLite's online backup
// API copies the pages of one snapshot, restarting where writers changed
// them, without stopping them. PostgreSQL has pg_dump for this.
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { parseDatabaseUrl, describeDatabase } from "../config/database";
import { UserError } from "../errors";
import { runCli } from "./run-cli";

const usage = "Usage: npm run db:backup -- FILE [--force] (--force replaces an existing FILE).";

async function backupSqlite(source: string, target: string, force: boolean): Promise<void> {
  if (!existsSync(source)) throw new UserError("config", `There is no SQLite database at ${source} to back up: check DATABASE_URL.`);
  if (path.resolve(target) === path.resolve(source)) throw new UserError("bad_request", "The backup must go to another file than the database itself.");
  if (existsSync(target) && !force) throw new UserError("conflict", `${target} already exists: choose another file, or add --force to replace it.`);
  if (!existsSync(path.dirname(path.resolve(target)))) throw new UserError("bad_request", `The folder of ${target} does not exist.`);
  // Written beside the target and renamed over it: a failed backup leaves no half file, and --force replaces whatever was there.
  const partial = `${target}.partial-${process.pid}`;
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    await db.backup(partial);
    renameSync(partial, target);
  } finally {
    db.close();
    rmSync(partial, { force: true });
  }
}

runCli(async () => {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const files = args.filter((a) => a !== "--force");
  if (files.length !== 1 || files[0].startsWith("-")) throw new UserError("bad_request", usage);
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  if (config.kind === "postgresql") {
    throw new UserError(
      "bad_request",
      `${describeDatabase(config)} is backed up with PostgreSQL's own tools: pg_dump -Fc -f FILE "$DATABASE_URL" (restore with pg_restore).`,
    );
  }
  await backupSqlite(config.file, files[0], force);
  console.log(`Backed up ${describeDatabase(config)} to ${path.resolve(files[0])}.`);
});
