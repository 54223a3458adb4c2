// Run by `npm start` before serving: applies migrations and, when the
// database is empty, loads the demo story.
import { parseDatabaseUrl, describeDatabase } from "../config/database";
import { applyMigrations } from "../migrations/apply";
import { createDb } from "../db";
import { isEmpty, loadDemo } from "../demo/load";
import { runCli } from "./run-cli";

runCli(async () => {
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  const applied = await applyMigrations(config);
  if (applied.length) console.log(`Applied ${applied.length} migration(s) to ${describeDatabase(config)}.`);
  if (process.env.FLOWDECK_DEMO === "0") return;
  const db = await createDb(config);
  try {
    if (await isEmpty(db)) {
      const { runs } = await loadDemo(db);
      console.log(`The database was empty: loaded the demo (${runs} runs).`);
    }
  } finally {
    await db.$disconnect();
  }
});
