// Prefix ranges over tag_stats need code-point order whatever the database's collation.
import { expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";

forEachDatabase("tag order", (t) => {
  it("tag_stats.tag sorts by code point", async () => {
    if (t.kind === "postgresql") {
      const rows = await t.db.$queryRaw<{ collation_name: string }[]>`
        SELECT collation_name::text AS collation_name FROM information_schema.columns WHERE table_name = 'tag_stats' AND column_name = 'tag'`;
      expect(rows[0].collation_name).toBe("C");
    }
    for (const tag of ["user:b", "user-x", "User:a", "user:a", "userz", "user:ä"]) {
      await t.db.tagStat.create({ data: { tag, system: false, runCount: 1, lastTs: 0 } });
    }
    const inRange = await t.db.$queryRaw<{ tag: string }[]>`
      SELECT tag FROM tag_stats WHERE tag >= ${"user:"} AND tag < ${"user:\u{10FFFF}"} ORDER BY tag`;
    expect(inRange.map((r) => r.tag)).toEqual(["user:a", "user:b", "user:ä"]);
  });
});
