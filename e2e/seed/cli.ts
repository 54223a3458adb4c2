// Test-only: seeds what one end-to-end journey needs into the database of the
// "seeded" e2e server, through the data layer the app itself writes with (the
// demo's recordRun, ingest and production writers).
//   DATABASE_URL=… node --conditions=react-server --import tsx e2e/seed/cli.ts '<SeedRequest JSON>'
// prints one JSON line: { tokens: {flow: token}, runs: ["Flow/1", …] }. With
// --serve it prints {ready: true} once loaded, then answers one request per line of stdin with one line of stdout, {ok, result | error}:
// e2e/fixtures.ts keeps one such process per Playwright worker (loading the
// data layer takes seconds, seeding a journey's runs a fraction of one).
import { createInterface } from "node:readline";
import { createDb, type Db } from "../../lib/db";
import { isUserError } from "../../lib/errors";
import { atTime, nowMs } from "../../lib/clock";
import { parseDatabaseUrl } from "../../lib/config/database";
import { demoDatastoreRoot } from "../../lib/config/datastore";
import { createFlow, createRun } from "../../lib/data/ingest";
import { deployFlow } from "../../lib/data/production-write";
import { DemoDatastore } from "../../lib/demo/datastore-writer";
import { recordRun, type RunSpec } from "../../lib/demo/record-run";
import { demoRuns } from "../../lib/demo/story";
import type { SeedRequest, SeedResult } from "./request";

const MINUTE = 60_000;

async function seed(db: Db, request: SeedRequest): Promise<SeedResult> {
  const now = nowMs();
  const tokens: Record<string, string> = {};
  for (const d of request.deployments ?? []) {
    tokens[d.flow] = (await atTime(now - 60 * MINUTE, () => deployFlow(db, { flow: d.flow, actor: { user: d.user, source: "cli" } }))).token;
  }
  const templates = demoRuns(now, "unused");
  const store = new DemoDatastore(demoDatastoreRoot());
  const runs: string[] = [];
  for (const [i, r] of (request.runs ?? []).entries()) {
    // Older runs first, a second apart, ending a few minutes ago (a running run's heartbeat stays fresh).
    const startedAt = now - (r.startedMinutesAgo ?? 3) * MINUTE - ((request.runs?.length ?? 0) - i) * 1000;
    await atTime(startedAt - 1000, () => createFlow(db, r.flow, { userName: r.user, systemTags: [`user:${r.user}`] })).catch((e) => {
      if (!isUserError(e) || e.code !== "conflict") throw e; // the flow exists already
    });
    if (r.shape === "bare") {
      const run = await atTime(startedAt, () =>
        createRun(db, r.flow, { userName: r.user, runNumber: r.runNumber, tags: r.tags ?? [], systemTags: [`user:${r.user}`] }),
      );
      runs.push(`${r.flow}/${run.runNumber}`);
      continue;
    }
    const template = templates.find((t) => t.flow === r.shape)!;
    const spec: RunSpec = {
      ...template,
      flow: r.flow,
      user: r.user,
      runNumber: r.runNumber,
      tags: r.tags ?? [],
      startedAt,
      outcome: r.outcome ?? "completed",
      failAtStep: r.failAtStep,
      originRunId: undefined,
      productionToken: r.production ? tokens[r.flow] : undefined,
    };
    runs.push(`${r.flow}/${await recordRun(db, spec, store)}`);
  }
  return { tokens, runs };
}

async function main(args: string[]) {
  const db = await createDb(parseDatabaseUrl(process.env.DATABASE_URL));
  try {
    if (args[0] !== "--serve") {
      process.stdout.write(`${JSON.stringify(await seed(db, JSON.parse(args[0] ?? "{}")))}\n`);
      return;
    }
    // Loading the data layer takes seconds: the fixture waits for this line outside any journey's time.
    process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
    for await (const line of createInterface({ input: process.stdin })) {
      const reply = await seed(db, JSON.parse(line)).then(
        (result) => ({ ok: true, result }),
        (e: unknown) => ({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
      );
      process.stdout.write(`${JSON.stringify(reply)}\n`);
    }
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e);
  process.exit(1);
});
