// Starts the real app (the production server, scripts/serve.mjs, on the build) on a given,
// already migrated database: for tests and benchmarks that talk HTTP to it.
//
//   const app = await startApp({ databaseUrl, env: { FLOWDECK_API_KEYS: "k" } });
//   await fetch(`${app.url}/api/metadata/ping`); …; await app.stop();
//
// The build is made once when missing or older than the sources (under a lock
// file, so concurrent processes build once). FLOWDECK_TEST_BUILD=skip trusts
// an existing build; =always rebuilds.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, statSync, unlinkSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");
const SOURCES = ["app", "components", "lib", "public", "proxy.ts", "next.config.js", "postcss.config.mjs", "package.json"];
// lib/bench is never part of the app: editing a benchmark needs no new build.
const IGNORED = new Set(["generated", "node_modules", ".next", "bench"]);

function newestSource(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(p)
    .filter((n) => !IGNORED.has(n))
    .reduce((newest, n) => Math.max(newest, newestSource(path.join(p, n))), st.mtimeMs);
}

function buildIsFresh(): boolean {
  const id = path.join(root, ".next/BUILD_ID");
  if (!existsSync(id)) return false;
  const built = statSync(id).mtimeMs;
  return SOURCES.every((s) => newestSource(path.join(root, s)) < built);
}

async function withLock<T>(file: string, fn: () => T): Promise<T> {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      closeSync(openSync(file, "wx"));
      break;
    } catch {
      // A lock left by a killed build: older than any real build takes.
      if (existsSync(file) && Date.now() - statSync(file).mtimeMs > 10 * 60_000) unlinkSync(file);
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${file}: remove it if no build is running.`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return fn();
  } finally {
    unlinkSync(file);
  }
}

/** Builds the app unless a fresh build exists. */
export async function ensureBuild(): Promise<void> {
  const mode = process.env.FLOWDECK_TEST_BUILD ?? "auto";
  if (mode === "skip" && existsSync(path.join(root, ".next/BUILD_ID"))) return;
  if (mode !== "always" && buildIsFresh()) return;
  await withLock(path.join(root, ".next-build.lock"), () => {
    if (mode !== "always" && buildIsFresh()) return;
    const res = spawnSync(process.execPath, [nextBin, "build"], {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      encoding: "utf8",
    });
    if (res.status !== 0) throw new Error(`next build failed:\n${res.stdout}\n${res.stderr}`);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null };
export type AppServer = {
  url: string;
  port: number;
  output: () => string;
  stop: () => Promise<void>;
  /** The serving process (benchmarks read its CPU time from /proc). */
  pid: number;
  /** Resolves when the serving process has exited, however it was stopped. */
  exited: Promise<Exit>;
};

export async function startApp(opts: { databaseUrl: string; env?: Record<string, string> }): Promise<AppServer> {
  await ensureBuild();
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "scripts/serve.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: opts.databaseUrl,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopProcess(child);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited (${child.exitCode}) before answering:\n${log}`);
    try {
      const res = await fetch(`${url}/api/metadata/ping`);
      if (res.ok) return { url, port, pid: child.pid!, output: () => log, stop, exited };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`The app did not answer on ${url} within 60 s:\n${log}`);
}
