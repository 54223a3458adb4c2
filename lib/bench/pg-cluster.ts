// A PostgreSQL cluster kept under bench-data/pg between bench:data and
// bench:list: initialised once, started with pg_ctl when needed and stopped
// afterwards unless --keep. Settings are a modest production-like setup.
import { chownSync, existsSync, mkdirSync, readFileSync, chmodSync } from "node:fs";
import path from "node:path";
// @ts-expect-error plain ESM helper without types
import { findBinDir as findBinDirUntyped, run as runUntyped, isRoot, freePort as freePortUntyped } from "../../scripts/throwaway-postgres.mjs";

const findBinDir = findBinDirUntyped as () => string;
const run = runUntyped as (bin: string, args: string[]) => string;
const freePort = freePortUntyped as () => Promise<number>;

export type BenchCluster = { adminUrl: string; urlFor(database: string): string; stop(): void; startedNow: boolean };

const SETTINGS = [
  "listen_addresses=127.0.0.1",
  "max_connections=100",
  "shared_buffers=512MB",
  "work_mem=16MB",
  "maintenance_work_mem=1GB",
  "max_wal_size=8GB",
  "checkpoint_timeout=30min",
  "fsync=off",
  "synchronous_commit=off",
  "full_page_writes=off",
  "random_page_cost=1.1",
  "effective_cache_size=8GB",
];

function runningPort(data: string): number | null {
  const pidFile = path.join(data, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n");
  try {
    process.kill(Number(pid), 0);
    return Number(port);
  } catch {
    return null;
  }
}

export async function benchCluster(root: string): Promise<BenchCluster> {
  const bin = findBinDir();
  const dir = path.join(root, "pg");
  const data = path.join(dir, "data");
  if (!existsSync(path.join(data, "PG_VERSION"))) {
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o700);
    if (isRoot) chownSync(dir, ...postgresIds());
    run(path.join(bin, "initdb"), ["-D", data, "-U", "flowdeck", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  }
  let port = runningPort(data);
  const startedNow = port === null;
  if (port === null) {
    port = await freePort();
    const opts = `-p ${port} -k ${dir} ${SETTINGS.map((s) => `-c ${s}`).join(" ")}`;
    run(path.join(bin, "pg_ctl"), ["-D", data, "-o", opts, "-l", path.join(dir, "log"), "-w", "start"]);
  }
  const urlFor = (database: string) => `postgresql://flowdeck@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlFor("postgres"),
    urlFor,
    startedNow,
    stop: () => void run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]),
  };
}

function postgresIds(): [number, number] {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error("the postgres system user is missing: PostgreSQL refuses to run as root (apt-get install -y postgresql creates it).");
  const [, , uid, gid] = line.split(":");
  return [Number(uid), Number(gid)];
}
