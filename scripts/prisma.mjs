// Derives the SQLite schema from prisma/schema.prisma and generates both clients.
// Usage: node scripts/prisma.mjs generate
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const source = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
const derivedDir = path.join(root, "prisma/.derived");
mkdirSync(derivedDir, { recursive: true });
const sqlite = source
  .replace('provider = "postgresql"', 'provider = "sqlite"')
  .replace('output     = "../lib/generated/postgresql"', 'output     = "../../lib/generated/sqlite"');
if (sqlite === source) throw new Error("could not derive the SQLite schema");
writeFileSync(path.join(derivedDir, "schema.sqlite.prisma"), sqlite);

const prisma = path.join(root, "node_modules/.bin/prisma");
// The schema's env("DATABASE_URL") must resolve even though generate never connects.
const targets = [
  ["prisma/schema.prisma", "postgresql://generate/flowdeck"],
  ["prisma/.derived/schema.sqlite.prisma", "file:./generate.db"],
];
const command = process.argv[2] ?? "generate";
for (const [schema, url] of targets) {
  execFileSync(prisma, [command], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, FLOWDECK_PRISMA_SCHEMA: schema, DATABASE_URL: url },
  });
}
