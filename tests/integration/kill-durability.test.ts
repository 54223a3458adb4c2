// kill -9 while clients write: several writers record runs (with tags) and
// edit their tags through the metadata API; the server is killed with SIGKILL
// mid-write and restarted, several times. Every acknowledged write is there
// afterwards, SQLite's integrity check passes after each kill, and the
// tag_stats counters match the tag rows. Real HTTP on loopback, both databases.
import { expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { metadataClient, startApp, systemTags, type AppServer } from "../setup/metadata-servers";
import { sqliteState } from "./fixtures/database-state";

const CYCLES = Number(process.env.FLOWDECK_KILL_CYCLES ?? 3);
const WRITERS = 4;
/** Acknowledged writes per cycle before the kill (the writers are still sending then). */
const WRITES_PER_CYCLE = 40;

/** A run's tags as acknowledged; `or`: what they are if an edit whose answer was lost took effect. */
type Expected = { tags: string[]; or?: string[] };

const sorted = (tags: string[]) => [...tags].sort();

async function writer(app: AppServer, w: number, cycle: number, runs: Map<number, Expected>, acknowledged: () => void) {
  const api = metadataClient(app);
  for (let i = 0; ; i++) {
    try {
      const created = await api.post("/flows/KillFlow/run", { user_name: "anne", tags: [`w${w}`, `c${cycle}`, "shared"], system_tags: systemTags("anne") });
      expect(created.status).toBe(200);
      const run = Number(created.body.run_number);
      runs.set(run, { tags: sorted(created.body.tags) });
      acknowledged();
      if (i % 2) continue;
      const edited = sorted([`w${w}`, `c${cycle}`, `edit${i}`]);
      runs.set(run, { tags: runs.get(run)!.tags, or: edited });
      const mutated = await api.patch(`/flows/KillFlow/runs/${run}/tag/mutate`, { tags_to_add: [`edit${i}`], tags_to_remove: ["shared"] });
      expect(mutated.status).toBe(200);
      expect(sorted(mutated.body.tags)).toEqual(edited);
      runs.set(run, { tags: edited });
      acknowledged();
    } catch (e) {
      if (e instanceof TypeError) return; // fetch failed: the server is gone
      throw e;
    }
  }
}

forEachDatabase("kill -9 durability", (t) => {
  it(`keeps every acknowledged run and tag edit over ${CYCLES} kill -9 cycles, with consistent tag counters`, async () => {
    const runs = new Map<number, Expected>();
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const app = await startApp({ databaseUrl: t.url });
      try {
        if (cycle === 1) expect((await metadataClient(app).post("/flows/KillFlow", {})).status).toBe(200);
        let count = 0;
        let killed = false;
        const writers = Array.from({ length: WRITERS }, (_, w) =>
          writer(app, w, cycle, runs, () => {
            if (++count < WRITES_PER_CYCLE || killed) return;
            killed = true;
            process.kill(app.pid, "SIGKILL");
          }),
        );
        await Promise.all(writers);
        expect(await app.exited).toEqual({ code: null, signal: "SIGKILL" });
      } finally {
        await app.stop();
      }
      if (t.config.kind === "sqlite") expect(sqliteState(t.config.file).integrity).toBe("ok");
    }

    // Read from the database itself: no fifth start needed.
    const stored = new Map(
      (await t.db.run.findMany({ where: { flowName: "KillFlow" }, include: { tags: true } })).map((r) => [
        r.runNumber,
        sorted(r.tags.filter((tag) => !tag.system).map((tag) => tag.tag)),
      ]),
    );
    expect(runs.size).toBeGreaterThanOrEqual((CYCLES * WRITES_PER_CYCLE) / 2);
    for (const [run, want] of runs) {
      const got = stored.get(run);
      const editTookEffect = want.or !== undefined && String(got) === String(want.or);
      expect({ run, tags: got }).toEqual({ run, tags: editTookEffect ? want.or : want.tags });
    }

    const mismatched = await t.db.$queryRawUnsafe<unknown[]>(`
      SELECT s.tag, s.run_count, COUNT(r.tag) AS tag_rows FROM tag_stats s LEFT JOIN run_tags r ON r.tag = s.tag
      GROUP BY s.tag, s.run_count HAVING s.run_count <> COUNT(r.tag)
      UNION ALL
      SELECT r.tag, NULL, COUNT(*) FROM run_tags r WHERE NOT EXISTS (SELECT 1 FROM tag_stats s WHERE s.tag = r.tag) GROUP BY r.tag`);
    expect(mismatched).toEqual([]);
    if (t.config.kind === "sqlite") expect(sqliteState(t.config.file).integrity).toBe("ok");
  }, 120_000);
});
