// A newcomer's first run: `npm start` with no settings (no FLOWDECK_USER), as
// the OS user of this machine, on a fresh database. The home page shows runs
// at once (Global, labelled so), asks who you are, and then shows your namespace.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

const port = Number(process.env.FLOWDECK_E2E_PORT ?? 3100) + 7;
const url = `http://127.0.0.1:${port}`;
let server: ChildProcess | undefined;
let dir = "";

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "flowdeck-newcomer-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOSTNAME: "127.0.0.1", DATABASE_URL: `file:${path.join(dir, "flowdeck.db")}` };
  delete env.FLOWDECK_USER;
  server = spawn(process.execPath, ["scripts/start.mjs"], { cwd: path.resolve(import.meta.dirname, ".."), env, stdio: "ignore" });
  // Wait for the server itself, not for a fixed time.
  await expect
    .poll(
      async () =>
        fetch(`${url}/api/metadata/ping`)
          .then((r) => r.status)
          .catch(() => 0),
      { timeout: 10 * 60_000, intervals: [500] },
    )
    .toBe(200);
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  await new Promise((r) => (server?.exitCode !== null ? r(null) : server.once("exit", r)));
  rmSync(dir, { recursive: true, force: true });
});

test("a newcomer sees runs at once, says who they are, and sees their namespace", async ({ page }) => {
  const me = os.userInfo().username;
  await page.goto(url);
  const welcome = page.getByRole("region", { name: "Welcome to Flowdeck" });
  await expect(welcome).toContainText(`Flowdeck takes you to be ${me}`);
  await expect(welcome).toContainText(me === "root" ? "Metaflow never records runs as root" : `Nobody named ${me} has recorded runs here yet`);
  // Meanwhile: the newest runs of everyone, labelled Global, without switching the namespace.
  await expect(page.getByTestId("namespace-in-effect")).toContainText("Namespace: Global");
  await expect(page.getByRole("link", { name: "PredictionFlow/8", exact: true })).toBeVisible();
  await expect(page).toHaveURL(`${url}/`);

  await welcome.getByRole("button", { name: /^I am anne/ }).click();
  await expect(page.getByTestId("current-user")).toHaveText("anne");
  await expect(page.getByTestId("namespace-in-effect")).toContainText("Namespace: user:anne");
  await expect(page.getByRole("region", { name: "Welcome to Flowdeck" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "PredictionFlow/9", exact: true })).toHaveCount(0); // production's, not anne's
});
