// Starts a throwaway PostgreSQL cluster (initdb into a temp dir, free port) with
// Debian's server binaries, for tests, benchmarks and writing migrations.
// As a module: `const pg = await startPostgres(); …; await pg.stop()`.
// As a command: `node scripts/throwaway-postgres.mjs` prints DATABASE_URL and
// keeps the server up until interrupted.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, chmodSync, rmSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

export function findBinDir() {
  const explicit = process.env.FLOWDECK_PG_BIN;
  if (explicit) return explicit;
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const dir = path.join(base, v, "bin");
    if (existsSync(path.join(dir, "initdb"))) return dir;
  }
  throw new Error(
    "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install Debian's postgresql package (apt-get install -y postgresql) or set FLOWDECK_PG_BIN.",
  );
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const isRoot = process.getuid?.() === 0;
// PostgreSQL refuses to run as root: run its tools as the postgres user then.
export function run(bin, args) {
  const cmd = isRoot ? "runuser" : bin;
  const full = isRoot ? ["-u", "postgres", "--", bin, ...args] : args;
  const res = spawnSync(cmd, full, { encoding: "utf8" });
  if (res.status !== 0) throw new Error(`${path.basename(bin)} failed: ${res.stderr || res.stdout}`);
  return res.stdout;
}

export async function startPostgres({ database = "flowdeck" } = {}) {
  const bin = findBinDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), "flowdeck-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  if (isRoot) execFileSync("chown", ["postgres:postgres", dir]);
  run(path.join(bin, "initdb"), ["-D", data, "-U", "flowdeck", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run(path.join(bin, "pg_ctl"), ["-D", data, "-o", opts, "-l", path.join(dir, "log"), "-w", "start"]);
  run(path.join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "flowdeck", database]);
  const url = `postgresql://flowdeck@127.0.0.1:${port}/${database}`;
  const makeDatabase = (name) => {
    run(path.join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "flowdeck", name]);
    return `postgresql://flowdeck@127.0.0.1:${port}/${name}`;
  };
  const stop = () => {
    try {
      run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { url, port, makeDatabase, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pg = await startPostgres();
  console.log(`DATABASE_URL=${pg.url}`);
  const shutdown = () => {
    pg.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  setInterval(() => {}, 1 << 30);
}
