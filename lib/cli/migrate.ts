// npm run db:migrate — applies pending migrations to DATABASE_URL.
import { parseDatabaseUrl, describeDatabase } from "../config/database";
import { applyMigrations } from "../migrations/apply";
import { runCli } from "./run-cli";

runCli(async () => {
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  const applied = await applyMigrations(config);
  console.log(applied.length ? `Applied ${applied.join(", ")} to ${describeDatabase(config)}.` : `${describeDatabase(config)} is up to date.`);
});
