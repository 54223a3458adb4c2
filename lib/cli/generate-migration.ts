// Writes the next migration for both databases from the change between the
// schema at the last migration (prisma/migrations/schema.snapshot.prisma) and
// prisma/schema.prisma. Needs a reachable PostgreSQL: the Prisma CLI connects
// its adapter even for a diff, so a throwaway cluster is started.
// Usage: npm run db:generate-migration -- <name>
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
// @ts-expect-error plain ESM helper without types
import { startPostgres } from "../../scripts/throwaway-postgres.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const migrationsDir = path.join(root, "prisma/migrations");
const snapshot = path.join(migrationsDir, "schema.snapshot.prisma");
const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("Give the migration a name: npm run db:generate-migration -- add_something");
  process.exit(1);
}

const toSqlite = (schema: string) => schema.replace('provider = "postgresql"', 'provider = "sqlite"');
const derived = path.join(root, "prisma/.derived");

function diff(provider: "postgresql" | "sqlite", url: string): string {
  const current = path.join(root, "prisma/schema.prisma");
  const to = provider === "sqlite" ? path.join(derived, "schema.sqlite.prisma") : current;
  const args = ["migrate", "diff", "--script", "--to-schema-datamodel", to];
  if (existsSync(snapshot)) {
    const from = path.join(derived, `snapshot.${provider}.prisma`);
    const text = readFileSync(snapshot, "utf8");
    writeFileSync(from, provider === "sqlite" ? toSqlite(text) : text);
    args.push("--from-schema-datamodel", from);
  } else {
    args.push("--from-empty");
  }
  return execFileSync(path.join(root, "node_modules/.bin/prisma"), args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: url, FLOWDECK_PRISMA_SCHEMA: to },
  });
}

execFileSync("node", [path.join(root, "scripts/prisma.mjs"), "generate"], { stdio: "ignore" });
const pg = await startPostgres();
try {
  const outputs = { postgresql: diff("postgresql", pg.url), sqlite: diff("sqlite", "file::memory:") };
  if (outputs.postgresql.includes("This is an empty migration")) {
    console.log("The schema has not changed since the last migration.");
    process.exit(0);
  }
  const existing = readdirSync(path.join(migrationsDir, "postgresql")).filter((f) => f.endsWith(".sql"));
  const file = `${String(existing.length + 1).padStart(4, "0")}_${name}.sql`;
  for (const [provider, sql] of Object.entries(outputs)) {
    writeFileSync(path.join(migrationsDir, provider, file), sql);
  }
  copyFileSync(path.join(root, "prisma/schema.prisma"), snapshot);
  console.log(`Wrote prisma/migrations/{postgresql,sqlite}/${file}`);
} finally {
  pg.stop();
}
