// A client that leaves gets its query cancelled (PostgreSQL): the run list of
// the metadata API, the dashboard's runs list and a run's timeline and tasks,
// made slow for real by a lock the test holds on the runs or tasks table, are aborted by their client; within a
// second no backend is left waiting. A client that stays gets its answer.
// SQLite's statements are synchronous and bounded: there is nothing to cancel.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabaseUrl } from "../setup/databases";
import { parseDatabaseUrl } from "@/lib/config/database";
import { applyMigrations } from "@/lib/migrations/apply";
import { APP_START_TIMEOUT, metadataClient, startApp, systemTags, type AppServer } from "../setup/metadata-servers";
import { pgDatabaseName } from "./fixtures/database-state";

describe("query cancelled when its client leaves [postgresql]", () => {
  const t = { url: "" };
  let app: AppServer;
  let locker: pg.Client;
  /** Outside the locker's transaction: pg_stat_activity is read once per transaction. */
  let monitor: pg.Client;
  beforeAll(async () => {
    t.url = await freshDatabaseUrl("postgresql");
    await applyMigrations(parseDatabaseUrl(t.url));
    app = await startApp({ databaseUrl: t.url });
    const api = metadataClient(app);
    await api.post("/flows/SlowFlow", {});
    await api.post("/flows/SlowFlow/run", { user_name: "anne", system_tags: systemTags("anne") });
    locker = new pg.Client({ connectionString: t.url });
    monitor = new pg.Client({ connectionString: t.url });
    await Promise.all([locker.connect(), monitor.connect()]);
  }, APP_START_TIMEOUT);
  afterAll(async () => {
    await Promise.all([locker?.end(), monitor?.end()]);
    await app?.stop();
  });

  /** Backends of the app waiting for the lock the test holds. */
  async function waiting(): Promise<number> {
    const { rows } = await monitor.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND wait_event_type = 'Lock'",
      [pgDatabaseName(t.url)],
    );
    return rows[0].n;
  }
  async function until(what: string, probe: () => Promise<boolean>, ms: number) {
    const deadline = Date.now() + ms;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}:\n${app.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  const lists = ["/api/metadata/flows/SlowFlow/runs", "/api/metadata/flows/SlowFlow/runs?_limit=10", "/api/v1/runs?namespace=global"];
  const details = ["timeline", "tasks?sort=duration"].map((route) => `/api/v1/runs/SlowFlow/1/${route}${route.includes("?") ? "&" : "?"}namespace=global`);
  for (const [path, table] of [...lists.map((p) => [p, "runs"]), ...details.map((p) => [p, "tasks"])]) {
    it(`cancels the statement of ${path} within a second of the client leaving`, async () => {
      await locker.query("BEGIN");
      try {
        await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
        const abort = new AbortController();
        const answer = fetch(`${app.url}${path}`, { signal: abort.signal }).catch((e: Error) => e.name);
        await until("the query to wait for the lock", async () => (await waiting()) >= 1, 10_000);
        abort.abort();
        expect(await answer).toBe("AbortError");
        const left = Date.now();
        await until("the query to be cancelled", async () => (await waiting()) === 0, 1000);
        expect(Date.now() - left).toBeLessThan(1000);
      } finally {
        await locker.query("ROLLBACK");
      }
      expect(app.output()).not.toMatch(/failed|unavailable/);
    });
  }

  it("answers a client that waits for the lock to go", async () => {
    await locker.query("BEGIN");
    let answer: Promise<Response>;
    try {
      await locker.query("LOCK TABLE runs IN ACCESS EXCLUSIVE MODE");
      answer = fetch(`${app.url}/api/v1/runs?namespace=global`);
      let early = "";
      void answer.then(async (r) => (early = `${r.status} ${await r.clone().text()}`));
      await until(
        "the query to wait for the lock",
        async () => {
          if (early) throw new Error(`answered before the lock went: ${early}`);
          return (await waiting()) >= 1;
        },
        10_000,
      );
    } finally {
      await locker.query("ROLLBACK");
    }
    const res = await answer!;
    expect(res.status).toBe(200);
    expect((await res.json()).runs).toHaveLength(1);
  });
});
