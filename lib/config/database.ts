// Which database DATABASE_URL points at. Pure: no driver is loaded here.
import path from "node:path";
import { UserError } from "../errors";

export type DatabaseConfig = { kind: "sqlite"; url: string; file: string } | { kind: "postgresql"; url: string; host: string; port: number; database: string };

export const DEFAULT_DATABASE_URL = "file:./data/flowdeck.db";

export function parseDatabaseUrl(raw: string | undefined, cwd = process.cwd()): DatabaseConfig {
  const url = (raw ?? "").trim() || DEFAULT_DATABASE_URL;
  if (url.startsWith("file:")) {
    const rest = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!rest || rest.includes("?")) {
      throw configError(`DATABASE_URL "${url}" is not a usable SQLite file URL: write it as file:./data/flowdeck.db.`);
    }
    return { kind: "sqlite", url, file: path.resolve(cwd, rest) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw configError(`DATABASE_URL is not a valid PostgreSQL URL: write it as postgresql://user:password@host:5432/database.`);
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
    if (!parsed.hostname || !database) {
      throw configError(`DATABASE_URL must name a host and a database: postgresql://user:password@host:5432/database.`);
    }
    return { kind: "postgresql", url, host: parsed.hostname, port: Number(parsed.port || 5432), database };
  }
  const scheme = url.includes(":") ? url.slice(0, url.indexOf(":")) : url.slice(0, 20);
  throw configError(`DATABASE_URL must start with file: (embedded SQLite) or postgresql:// (PostgreSQL), not "${scheme}:".`);
}

/** Connections per app instance on PostgreSQL: FLOWDECK_PG_POOL_SIZE, 10 when unset. */
export function pgPoolSize(value = process.env.FLOWDECK_PG_POOL_SIZE): number {
  if (value === undefined || value.trim() === "") return 10;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw configError(`FLOWDECK_PG_POOL_SIZE must be a whole number ≥ 1, not "${value}".`);
  return n;
}

function configError(message: string) {
  return new UserError("config", message);
}

/** A URL safe to print: the password is masked. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === "sqlite") return `SQLite at ${config.file}`;
  return `PostgreSQL ${config.database} at ${config.host}:${config.port}`;
}
