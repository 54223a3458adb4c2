// npm start: prepares the database, builds when the sources changed since the
// last build, then serves. Env: DATABASE_URL, PORT (3000), HOSTNAME (0.0.0.0).
//   1. lib/cli/prepare.ts applies migrations and loads demo data into an empty
//      database. It runs under the react-server condition so that modules
//      marked `import "server-only"` load outside Next as well.
//   2. next build, unless .next/BUILD_ID is newer than every source file.
//   3. the server (scripts/serve.mjs), in this very process: a signal to it
//      stops the one process that serves. package.json runs this script with
//      `exec`, so that npm passes its signals to this process, not to a shell.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function fail(sentence) {
  console.error(`Flowdeck: ${sentence}`);
  process.exit(1);
}

function run(args, what) {
  const res = spawnSync(process.execPath, args, { cwd: root, env, stdio: "inherit" });
  if (res.error) fail(`could not ${what}: ${res.error.message}.`);
  if (res.signal) process.exit(128 + (os.constants.signals[res.signal] ?? 0));
  return res.status ?? 1;
}

// Sources whose change requires a new build.
const WATCHED = [
  "app",
  "components",
  "lib",
  "prisma",
  "public",
  "proxy.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];
const SKIPPED = new Set(["lib/generated", "prisma/.derived"]);

function newestMtime(rel) {
  const full = path.join(root, rel);
  if (SKIPPED.has(rel) || !existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file changes its directory's mtime
  for (const name of readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(rel, name)));
  return newest;
}

function buildIsFresh() {
  const buildId = path.join(root, ".next/BUILD_ID");
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  return WATCHED.every((rel) => newestMtime(rel) < built);
}

// 1. Database.
if (!existsSync(path.join(root, "lib/cli/prepare.ts"))) fail("lib/cli/prepare.ts is missing: this checkout is incomplete.");
if (run(["--conditions=react-server", "--import", "tsx", "lib/cli/prepare.ts"], "prepare the database") !== 0) {
  process.exit(1); // prepare.ts has printed the one sentence that says why
}

// 2. Build.
if (buildIsFresh()) {
  console.log("Flowdeck: the build is up to date.");
} else {
  const started = Date.now();
  if (run([nextBin, "build"], "build the app") !== 0) fail("the build failed; the messages above say why.");
  console.log(`Flowdeck: built in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

// 3. Serve. A HOSTNAME equal to the machine's own name is the shell's or the
// container's default, not a choice: the server listens on every interface then.
const port = process.env.PORT || "3000";
const hostEnv = process.env.HOSTNAME;
const shownHost = hostEnv && hostEnv !== os.hostname() && hostEnv !== "0.0.0.0" ? hostEnv : "localhost";
const osUser = (() => {
  try {
    return os.userInfo().username;
  } catch {
    return "anonymous";
  }
})();
const who =
  process.env.FLOWDECK_AUTH_MODE === "proxy"
    ? "whoever the sign-in proxy says (proxy mode)"
    : process.env.FLOWDECK_USER
      ? `${process.env.FLOWDECK_USER} (FLOWDECK_USER)`
      : `${osUser}, the OS user, until you choose on the first page (set FLOWDECK_USER to choose now)`;
console.log(`Flowdeck: open http://${shownHost}:${port} — you are ${who}.`);
process.env.NEXT_TELEMETRY_DISABLED = "1";
// Whoever started this process (npm, a shell) may die of a signal without
// passing it on: then stop as if told to, rather than serve on as an orphan.
const parent = process.ppid;
const orphaned = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(orphaned);
  process.kill(process.pid, "SIGTERM");
}, 500);
orphaned.unref();
await import("./serve.mjs");
