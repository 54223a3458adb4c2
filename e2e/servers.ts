// The two app servers of the end-to-end tests, each on a fresh SQLite database
// with the demo data (playwright.config.ts starts them):
// - "story": journeys that only read the demo story (lib/demo/story.ts), which
//   counts on no other runs existing (Global lists, namespace counts);
// - "seeded": journeys that seed runs of their own (e2e/fixtures.ts), with
//   names unique to each journey, so they run in parallel and in any order.
import os from "node:os";
import path from "node:path";

const basePort = Number(process.env.FLOWDECK_E2E_PORT ?? 3100);

function server(port: number) {
  const dataDir = path.join(os.tmpdir(), `flowdeck-e2e-${port}`);
  return {
    port,
    baseURL: `http://127.0.0.1:${port}`,
    dataDir,
    databaseUrl: `file:${path.join(dataDir, "e2e.db")}`,
    /** The Metaflow local datastore the demo and the seeds write (beside the database). */
    datastore: path.join(dataDir, "datastore"),
  };
}

export const storyServer = server(basePort);
export const seededServer = server(basePort + 1);
