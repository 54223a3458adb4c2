// The servers the HTTP benchmarks measure, started one after another on the
// same machine: Flowdeck on a fresh SQLite file, Flowdeck on a database of a
// throwaway PostgreSQL cluster, and metaflow-service (the peer) on another
// database of that same cluster.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startApp } from "../app-server";
import { parseDatabaseUrl } from "../config/database";
import { applyMigrations } from "../migrations/apply";
import { peerMissing, startPeer } from "./peer";
import { parentOf } from "./proc-cpu";
// @ts-expect-error plain ESM helper without types
import { startPostgres as startPostgresUntyped } from "../../scripts/throwaway-postgres.mjs";

type Cluster = { url: string; port: number; makeDatabase: (name: string) => string; stop: () => void };
const startPostgres = startPostgresUntyped as () => Promise<Cluster>;

export type TargetName = "sqlite" | "postgresql" | "peer";
export const TARGET_LABEL: Record<TargetName, string> = {
  sqlite: "Flowdeck SQLite",
  postgresql: "Flowdeck PostgreSQL",
  peer: "metaflow-service",
};

export type Target = {
  name: TargetName;
  label: string;
  /** Base URL of the metadata API (…/api/metadata for Flowdeck, the root for the peer). */
  metadata: string;
  /** Flowdeck's own URL (dashboard), absent for the peer. */
  app?: string;
  /** The serving process (its descendants count too). */
  serverPid: number;
  /** The PostgreSQL postmaster (all backends are its children), absent on SQLite. */
  dbPid?: number;
  stop: () => Promise<void>;
};

export function parseTargets(value: string, allowed: TargetName[]): TargetName[] {
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (value === "both") return ["sqlite", "postgresql"];
  if (value === "all") return allowed;
  for (const n of names) if (!allowed.includes(n as TargetName)) throw new Error(`unknown target "${n}" (allowed: ${allowed.join(", ")})`);
  return names as TargetName[];
}

/** Drops "peer" (saying why, in one line) when metaflow-service cannot run here. */
export function availableTargets(names: TargetName[]): TargetName[] {
  if (!names.includes("peer")) return names;
  const why = peerMissing();
  if (!why) return names;
  console.log(`peer skipped: ${why}`);
  return names.filter((n) => n !== "peer");
}

async function postgresFacts(url: string): Promise<{ postmaster: number; version: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT pg_backend_pid() AS pid, current_setting('server_version') AS version");
    return { postmaster: parentOf(Number(rows[0].pid)) ?? 0, version: String(rows[0].version).split(" ")[0] };
  } finally {
    await client.end();
  }
}

type Env = { cluster: Cluster | null; facts?: { postmaster: number; version: string }; dir: string };

async function startTarget(name: TargetName, env: Env, appEnv?: Record<string, string>): Promise<Target> {
  const { cluster, facts, dir } = env;
  if (name === "peer") {
    const peer = await startPeer({ pgUrl: cluster!.makeDatabase("metaflow_service") });
    return { name, label: TARGET_LABEL[name], metadata: peer.url, serverPid: peer.pid, dbPid: facts!.postmaster, stop: peer.stop };
  }
  const databaseUrl = name === "postgresql" ? cluster!.makeDatabase("flowdeck_bench") : `file:${path.join(dir, "bench.db")}`;
  await applyMigrations(parseDatabaseUrl(databaseUrl));
  const app = await startApp({ databaseUrl, env: appEnv });
  return {
    name,
    label: TARGET_LABEL[name],
    metadata: `${app.url}/api/metadata`,
    app: app.url,
    serverPid: app.pid,
    dbPid: name === "postgresql" ? facts!.postmaster : undefined,
    stop: app.stop,
  };
}

type Opts = { env?: Record<string, string>; onPostgres?: (version: string) => void };

/** The PostgreSQL cluster (when a target needs one) and a temporary directory around `body`. */
async function withEnv(names: TargetName[], opts: Opts, body: (env: Env) => Promise<void>) {
  const needPg = names.some((n) => n !== "sqlite");
  const cluster = needPg ? await startPostgres() : null;
  const dir = mkdtempSync(path.join(os.tmpdir(), "flowdeck-bench-"));
  try {
    const facts = cluster ? await postgresFacts(cluster.url) : undefined;
    if (facts) opts.onPostgres?.(facts.version);
    await body({ cluster, facts, dir });
  } finally {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `use` once per target, in order, each started fresh and stopped after.
 * One PostgreSQL cluster serves the postgresql and peer targets (a database each).
 */
export async function eachTarget(names: TargetName[], use: (t: Target) => Promise<void>, opts: Opts = {}) {
  await withEnv(names, opts, async (env) => {
    for (const name of names) {
      const target = await startTarget(name, env, opts.env);
      try {
        await use(target);
      } finally {
        await target.stop();
      }
    }
  });
}

/**
 * Starts every target, runs `use` with all of them up (idle ones cost
 * nothing), then stops them: for measurements that alternate between
 * targets so that each sees the same background load.
 */
export async function allTargets(names: TargetName[], use: (ts: Target[]) => Promise<void>, opts: Opts = {}) {
  await withEnv(names, opts, async (env) => {
    const targets: Target[] = [];
    try {
      for (const name of names) targets.push(await startTarget(name, env, opts.env));
      await use(targets);
    } finally {
      for (const t of targets) await t.stop();
    }
  });
}
