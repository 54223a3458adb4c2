// End-to-end tests in Debian's Chromium (Playwright cannot download its own
// browser here) against the production build, served by scripts/start.mjs on
// fresh SQLite databases that prepare.ts fills with the demo data: one server
// for the journeys that read the demo story, one for those that seed their own
// data (e2e/servers.ts, e2e/fixtures.ts).
import { defineConfig, type PlaywrightTestConfig } from "@playwright/test";
import { seededServer, storyServer } from "./e2e/servers";

const isCI = !!process.env.CI;
/** On a machine busy with other work, FLOWDECK_E2E_TIMEOUT_SCALE=3 gives every wait three times as long. */
const scale = Number(process.env.FLOWDECK_E2E_TIMEOUT_SCALE ?? 1);

/** Journeys that seed runs of their own (e2e/fixtures.ts); the others only read the demo story. */
const SEEDED = ["tags", "production", "runs-live", "workflow-detail", "workflow-live"].map((name) => `**/${name}.spec.ts`);

type WebServer = Exclude<NonNullable<PlaywrightTestConfig["webServer"]>, unknown[]>;

function webServer(server: typeof storyServer): WebServer {
  return {
    // A fresh database every run: the old one is removed before the server starts.
    command: `rm -rf '${server.dataDir}' && node scripts/start.mjs`,
    url: server.baseURL,
    reuseExistingServer: !isCI,
    timeout: 10 * 60_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(server.port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: server.databaseUrl,
      FLOWDECK_USER: "anne",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  };
}

export default defineConfig({
  testDir: "e2e",
  // Journeys only read the demo story, or seed data and act as people of their own: any order, in parallel.
  fullyParallel: true,
  forbidOnly: isCI,
  retries: 0,
  // One at a time by default: two Chromiums and two servers on 2 cores made single journeys take 3–4× longer
  // and time out; FLOWDECK_E2E_WORKERS raises it on a bigger machine.
  workers: Number(process.env.FLOWDECK_E2E_WORKERS ?? 1),
  reporter: isCI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 30_000 * scale,
  expect: { timeout: 10_000 * scale },
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    browserName: "chromium",
    headless: true,
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "story", testIgnore: SEEDED, use: { baseURL: storyServer.baseURL } },
    { name: "seeded", testMatch: SEEDED, use: { baseURL: seededServer.baseURL } },
  ],
  // Started one after the other: the first builds the app when needed, the second finds the build fresh.
  webServer: [webServer(storyServer), webServer(seededServer)],
});
