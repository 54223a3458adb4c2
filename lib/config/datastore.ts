// Where the demo writes its Metaflow local datastore, and the roots Flowdeck
// may read datastores from (FLOWDECK_DATASTORE_ROOTS; by default the demo's).
import path from "node:path";
import { parseDatabaseUrl } from "./database";
import { parseDatastoreRoots } from "../domain/datastore-roots";

/** Beside the SQLite file (so each database has its own), else ./data/datastore. */
export function demoDatastoreRoot(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (env.FLOWDECK_DEMO_DATASTORE?.trim()) return path.resolve(cwd, env.FLOWDECK_DEMO_DATASTORE.trim());
  try {
    const db = parseDatabaseUrl(env.DATABASE_URL, cwd);
    if (db.kind === "sqlite") return path.join(path.dirname(db.file), "datastore");
  } catch {
    /* a bad DATABASE_URL is reported where the database is opened */
  }
  return path.resolve(cwd, "data", "datastore");
}

export function datastoreRoots(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string[] {
  return parseDatastoreRoots(env.FLOWDECK_DATASTORE_ROOTS, [demoDatastoreRoot(env, cwd)], cwd);
}
