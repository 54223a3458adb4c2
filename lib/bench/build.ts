// Writes a fixture into a migrated database of either kind.
import type { DatabaseConfig } from "../config/database";
import type { FixtureSpec } from "./fixture";
import { sqliteWriter } from "./write-sqlite";
import { postgresWriter } from "./write-postgres";
import { writeFixture } from "./writer";

export async function buildFixture(config: DatabaseConfig, spec: FixtureSpec, log: (s: string) => void = () => {}) {
  const writer = config.kind === "sqlite" ? sqliteWriter(config.file) : postgresWriter(config.url);
  try {
    await writeFixture(writer, spec, log);
  } finally {
    await writer.close();
  }
}
