// npm run demo — loads the demo story into an empty database (never into one with data).
import { parseDatabaseUrl, describeDatabase } from "../config/database";
import { applyMigrations } from "../migrations/apply";
import { createDb } from "../db";
import { loadDemo } from "../demo/load";
import { runCli } from "./run-cli";

runCli(async () => {
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  await applyMigrations(config);
  const db = await createDb(config);
  try {
    const { runs } = await loadDemo(db);
    console.log(`Loaded the demo (${runs} runs) into ${describeDatabase(config)}.`);
  } finally {
    await db.$disconnect();
  }
});
