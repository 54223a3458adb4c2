// Vitest global setup for the integration project: one throwaway PostgreSQL
// cluster for the whole run. Tests get its URL with inject("pgUrl") (or
// FLOWDECK_TEST_PG_URL in spawned processes) and create their own databases
// in it. Missing PostgreSQL binaries fail the run: they never skip tests.
import type { TestProject } from "vitest/node";
// @ts-expect-error plain ESM helper without types
import { startPostgres as startPostgresUntyped } from "../../scripts/throwaway-postgres.mjs";

type ThrowawayPostgres = { url: string; port: number; stop: () => void };
const startPostgres = startPostgresUntyped as () => Promise<ThrowawayPostgres>;

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the throwaway cluster's maintenance database (used to CREATE DATABASE). */
    pgUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let pg: ThrowawayPostgres;
  try {
    pg = await startPostgres();
  } catch (e) {
    throw new Error(`Integration tests need a PostgreSQL server of their own and could not start one: ${(e as Error).message}`);
  }
  project.provide("pgUrl", pg.url);
  process.env.FLOWDECK_TEST_PG_URL = pg.url;
  return () => pg.stop();
}
