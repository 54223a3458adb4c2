// metaflow-service (Netflix's metadata service, the peer of the benchmarks),
// run from a checkout outside the project on a database of the benchmarks'
// throwaway PostgreSQL cluster:
//
//   const why = peerMissing(); if (why) console.log(why);
//   else { const peer = await startPeer({ pgUrl }); …peer.url…; await peer.stop(); }
//
// `npm run bench:peer-setup` makes the checkout (METAFLOW_SERVICE_SRC,
// default /tmp/metaflow-service) and installs the Debian packages it needs.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort, stopProcess } from "../app-server";
// @ts-expect-error plain ESM helper without types
import { findBinDir as findBinDirUntyped } from "../../scripts/throwaway-postgres.mjs";

const findBinDir = findBinDirUntyped as () => string;

export const PEER_VERSION = "2.5.1";
export const peerSource = () => process.env.METAFLOW_SERVICE_SRC ?? "/tmp/metaflow-service";
/** Debian's python3 (the packages below are Debian's); METAFLOW_SERVICE_PYTHON overrides. */
export const peerPython = () => process.env.METAFLOW_SERVICE_PYTHON ?? "/usr/bin/python3";
export const PEER_DEBIAN_PACKAGES = ["python3-aiohttp", "python3-aiopg", "python3-psycopg2", "python3-boto3", "python3-packaging"];
const MODULES = ["aiohttp", "aiopg", "psycopg2", "boto3", "packaging"];

export type Peer = { url: string; pid: number; output: () => string; stop: () => Promise<void> };

/** null when the peer can run, else one line saying what is missing and how to get it. */
export function peerMissing(): string | null {
  const src = peerSource();
  const how = "run `npm run bench:peer-setup` (or see the README's Benchmarks section)";
  if (!existsSync(path.join(src, "services/metadata_service/server.py")))
    return `metaflow-service is not checked out at ${src} (METAFLOW_SERVICE_SRC): ${how}; measuring Flowdeck alone.`;
  if (!existsSync(peerPython())) return `${peerPython()} is missing: ${how}; measuring Flowdeck alone.`;
  const probe = spawnSync(peerPython(), ["-c", `import ${MODULES.join(", ")}`], { encoding: "utf8" });
  if (probe.status !== 0)
    return `metaflow-service's Python packages are missing (${probe.stderr.trim().split("\n").pop()}): ${how} (apt-get install -y ${PEER_DEBIAN_PACKAGES.join(" ")}); measuring Flowdeck alone.`;
  return null;
}

/** The "-- +goose Up" part of a goose migration file. */
export function gooseUp(sql: string): string {
  const up = sql.indexOf("-- +goose Up");
  const down = sql.indexOf("-- +goose Down");
  return sql.slice(up < 0 ? 0 : up, down < 0 ? undefined : down);
}

function libpq(pgUrl: string) {
  const u = new URL(pgUrl);
  return { host: u.hostname, port: u.port || "5432", user: decodeURIComponent(u.username) || "postgres", dbname: u.pathname.slice(1) };
}

/** Applies metaflow-service's migrations (the Up sections, in order) with psql. */
export function migratePeer(pgUrl: string) {
  const dir = path.join(peerSource(), "services/migration_service/migration_files");
  const c = libpq(pgUrl);
  const psql = existsSync(path.join(findBinDir(), "psql")) ? path.join(findBinDir(), "psql") : "psql";
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    // One psql call per file, autocommit: some files CREATE INDEX CONCURRENTLY.
    const res = spawnSync(psql, ["-q", "-X", "-v", "ON_ERROR_STOP=1", "-h", c.host, "-p", c.port, "-U", c.user, "-d", c.dbname, "-f", "-"], {
      input: gooseUp(readFileSync(path.join(dir, file), "utf8")),
      encoding: "utf8",
    });
    if (res.status !== 0) throw new Error(`metaflow-service migration ${file} failed: ${res.stderr || res.stdout}`);
  }
}

/**
 * Starts metaflow-service on `pgUrl`, an empty database it gets to itself
 * (migrated here). Its API base is the server root. LOGLEVEL is the
 * service's default (INFO: it logs every request, as deployed) unless
 * METAFLOW_SERVICE_LOGLEVEL says otherwise.
 */
export async function startPeer({ pgUrl }: { pgUrl: string }): Promise<Peer> {
  const src = peerSource();
  migratePeer(pgUrl);
  // It reads its version from package metadata: give it some in its working directory.
  const distInfo = path.join(src, `metadata_service-${PEER_VERSION}.dist-info`);
  if (!existsSync(path.join(distInfo, "METADATA"))) {
    mkdirSync(distInfo, { recursive: true });
    writeFileSync(path.join(distInfo, "METADATA"), `Metadata-Version: 2.1\nName: metadata_service\nVersion: ${PEER_VERSION}\n`);
  }
  const c = libpq(pgUrl);
  const port = await freePort();
  const child: ChildProcess = spawn(peerPython(), ["-m", "services.metadata_service.server"], {
    cwd: src,
    env: {
      ...process.env,
      MF_METADATA_DB_DSN: `host=${c.host} port=${c.port} user=${c.user} dbname=${c.dbname}`,
      MF_METADATA_HOST: "127.0.0.1",
      MF_METADATA_PORT: String(port),
      LOGLEVEL: process.env.METAFLOW_SERVICE_LOGLEVEL ?? "INFO",
      PYTHONWARNINGS: "ignore::DeprecationWarning",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Keep the start of its output for errors; drain the rest (the access log).
  let log = "";
  const keep = (d: Buffer) => {
    if (log.length < 20_000) log += d;
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopProcess(child);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`metaflow-service exited (${child.exitCode}) before answering:\n${log}`);
    try {
      const res = await fetch(`${url}/ping`);
      if (res.ok && res.headers.get("metadata_service_version")) return { url, pid: child.pid!, output: () => log, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`metaflow-service did not answer on ${url} within 60 s:\n${log}`);
}
