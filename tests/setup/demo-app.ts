// The app started on the demo story, for tests that read it over HTTP: the
// story with its local datastore loaded into the test's database, the server
// run as anne with that datastore as its only allowed root.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/lib/db";
import { loadDemo } from "@/lib/demo/load";
import { startApp, type AppServer } from "./metadata-servers";

export type DemoApp = { app: AppServer; ds: string; stop: () => Promise<void> };

export async function startDemoApp(t: { db: Db; url: string }): Promise<DemoApp> {
  const ds = mkdtempSync(path.join(os.tmpdir(), "flowdeck-ds-"));
  const removeDs = () => rmSync(ds, { recursive: true, force: true });
  try {
    await loadDemo(t.db, ds);
    const app = await startApp({ databaseUrl: t.url, env: { FLOWDECK_DATASTORE_ROOTS: ds, FLOWDECK_USER: "anne" } });
    return { app, ds, stop: async () => (await app.stop(), removeDs()) };
  } catch (e) {
    removeDs();
    throw e;
  }
}
