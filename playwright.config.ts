// End-to-end tests in Debian's Chromium (Playwright cannot download its own
// browser here) against the production build, served by scripts/start.mjs on
// a fresh SQLite database that prepare.ts fills with the demo data.
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.FLOWDECK_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = path.join(os.tmpdir(), `flowdeck-e2e-${port}`);
const isCI = !!process.env.CI;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  forbidOnly: isCI,
  retries: 0,
  // One worker: the journeys share one server and its demo data (remembered namespaces, new runs).
  workers: 1,
  reporter: isCI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
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
    },
  ],
  webServer: {
    // A fresh database every run: the old one is removed before the server starts.
    command: `rm -rf '${dataDir}' && node scripts/start.mjs`,
    url: baseURL,
    reuseExistingServer: !isCI,
    timeout: 10 * 60_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: `file:${path.join(dataDir, "e2e.db")}`,
      FLOWDECK_USER: "anne",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
