// Playwright fixtures for journeys that need data or a person of their own:
// - `seed`: seeds runs through the data layer (e2e/seed/cli.ts) into the
//   "seeded" server's database, under names unique to this journey, so
//   journeys run in parallel, in any order, and nothing needs restoring;
// - `person`: acts as a person of this journey's own (the identity cookie), so
//   what the app remembers for them (namespace, views) is theirs alone.
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { test as base, expect, type Page } from "@playwright/test";
import { seededServer } from "./servers";
import type { SeedRequest, SeedResult } from "./seed/request";

export { expect };

/**
 * Resolves once the global keyboard shortcuts and the command palette listen:
 * a server-rendered page is visible before it hydrates, and a key pressed then is lost.
 */
export async function keysListen(page: Page): Promise<void> {
  await expect(page.locator('html[data-shortcuts="ready"][data-palette="ready"]')).toHaveCount(1);
}

const root = path.resolve(import.meta.dirname, "..");
const uniqueId = () => randomBytes(4).toString("hex");

/** One e2e/seed/cli.ts --serve process per worker: a request per line, a reply per line, one at a time. */
class SeedProcess {
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private readonly replies: AsyncIterator<string>;

  constructor() {
    this.child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/seed/cli.ts", "--serve"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: seededServer.databaseUrl },
      stdio: ["pipe", "pipe", "inherit"],
    });
    this.replies = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  /** Resolves once the process has loaded the data layer and connected. */
  async ready(): Promise<void> {
    const { value, done } = await this.replies.next();
    if (done || !(JSON.parse(value) as { ready?: boolean }).ready) throw new Error(`the seed process did not start (exit code ${this.child.exitCode})`);
  }

  async seed(request: SeedRequest): Promise<SeedResult> {
    this.child.stdin.write(`${JSON.stringify(request)}\n`);
    const { value, done } = await this.replies.next();
    if (done) throw new Error(`the seed process ended (exit code ${this.child.exitCode})`);
    const reply = JSON.parse(value) as { ok: true; result: SeedResult } | { ok: false; error: string };
    if (!reply.ok) throw new Error(`seeding failed: ${reply.error}`);
    return reply.result;
  }

  async stop() {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.stdin.end();
    await exited;
  }
}

export class Seeder {
  /** Letters and digits only, so it fits in flow names, tags and user names. */
  readonly id = uniqueId();

  constructor(private readonly process: SeedProcess) {}

  /** A name unique to this journey: a flow name, a tag, a user. */
  name(prefix: string): string {
    return `${prefix}${this.id}`;
  }

  /** Records the runs (and first deployments) the journey needs; resolves once they are in the database. */
  seed(request: SeedRequest): Promise<SeedResult> {
    return this.process.seed(request);
  }
}

export const test = base.extend<{ seed: Seeder; person: string }, { seedProcess: SeedProcess }>({
  seedProcess: [
    // Playwright requires the destructuring, even of no fixtures.
    async ({}, use) => {
      const seedProcess = new SeedProcess();
      await seedProcess.ready();
      await use(seedProcess);
      await seedProcess.stop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
  seed: async ({ seedProcess }, use) => {
    await use(new Seeder(seedProcess));
  },
  person: async ({ context, baseURL }, use) => {
    const name = `e2e-${uniqueId()}`;
    await context.addCookies([{ name: "flowdeck-user", value: name, url: baseURL! }]);
    await use(name);
  },
});
