// Two app instances (next start) on one PostgreSQL database, as behind a load
// balancer: a browser watching instance A's event stream hears a run that
// Metaflow records through instance B, and A's runs list shows it.
import { afterAll, beforeAll, expect, it } from "vitest";
import { freshDatabaseUrl } from "../setup/databases";
import { metadataClient, startApp, systemTags, type AppServer } from "../setup/metadata-servers";
import { parseDatabaseUrl } from "@/lib/config/database";
import { applyMigrations } from "@/lib/migrations/apply";
import { readEvents } from "./fixtures/sse-reader";

let a: AppServer;
let b: AppServer;

beforeAll(async () => {
  const url = await freshDatabaseUrl("postgresql");
  await applyMigrations(parseDatabaseUrl(url));
  [a, b] = await Promise.all([startApp({ databaseUrl: url }), startApp({ databaseUrl: url })]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

it("a run recorded through one instance reaches the other's viewers live", async () => {
  const viewer = new AbortController();
  const res = await fetch(`${a.url}/api/v1/events?namespace=user:anne`, { signal: viewer.signal });
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const stream = readEvents(res);
  await stream.waitFor((f) => f.event === "ready", "A's stream to be ready");

  const metaflow = metadataClient(b);
  expect((await metaflow.post("/flows/SharedFlow", { user_name: "anne", tags: [], system_tags: systemTags("anne") })).status).toBe(200);
  const willsRun = await metaflow.post("/flows/SharedFlow/run", { user_name: "will", tags: [], system_tags: systemTags("will") });
  const annesRun = await metaflow.post("/flows/SharedFlow/run", { user_name: "anne", tags: ["shared"], system_tags: systemTags("anne") });
  expect(annesRun.status).toBe(200);

  const heard = await stream.waitFor(
    (f) =>
      (f.data as { kind?: string; runNumber?: number })?.kind === "run_created" && (f.data as { runNumber: number }).runNumber === annesRun.body.run_number,
    "anne's run on A's stream",
  );
  expect(heard.data).toMatchObject({ flow: "SharedFlow" });
  // Will's run is in another namespace: A's viewer of user:anne is not told.
  expect(stream.frames.some((f) => (f.data as { runNumber?: number })?.runNumber === willsRun.body.run_number)).toBe(false);

  const list = await (await fetch(`${a.url}/api/v1/runs?namespace=user:anne`)).json();
  expect(list.runs.map((r: { pathspec: string }) => r.pathspec)).toEqual([`SharedFlow/${annesRun.body.run_number}`]);
  viewer.abort();
});
