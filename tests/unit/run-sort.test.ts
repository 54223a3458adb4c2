import { describe, expect, it } from "vitest";
import { decodeCursor, describeSort, encodeCursor, sortOfParams, sortParams, DEFAULT_SORT } from "@/lib/domain/run-sort";
import { parseRunFilters } from "@/lib/domain/run-filters";
import { columnsParam, parseColumns, RUN_COLUMNS } from "@/lib/domain/run-columns";
import { canonicalViewQuery } from "@/lib/domain/saved-views";

const filters = (q: string) => parseRunFilters(new URLSearchParams(q), "global");

describe("run sort", () => {
  it("defaults to newest start first; a sort alone opens in its first direction", () => {
    expect(filters("").sort).toEqual(DEFAULT_SORT);
    expect(filters("sort=duration").sort).toEqual({ key: "duration", dir: "desc" });
    expect(filters("sort=flow").sort).toEqual({ key: "flow", dir: "asc" });
    expect(filters("sort=user&dir=desc").sort).toEqual({ key: "user", dir: "desc" });
    expect(() => filters("sort=size")).toThrow(/sort must be one of start, duration, status, flow, user/);
    expect(() => filters("sort=flow&dir=up")).toThrow(/dir must be asc or desc/);
  });

  it("round-trips each order's cursor and keeps the default's old two-element form", () => {
    expect(JSON.parse(Buffer.from(encodeCursor({ ts: 5, id: 7 }), "base64url").toString())).toEqual([5, 7]);
    for (const [sort, value] of [
      [{ key: "duration", dir: "asc" }, 1200],
      [{ key: "duration", dir: "desc" }, null],
      [{ key: "flow", dir: "desc" }, "HelloFlow"],
      [{ key: "user", dir: "asc" }, null],
      [{ key: "status", dir: "asc" }, "failed"],
      [{ key: "start", dir: "asc" }, null],
    ] as const) {
      expect(decodeCursor(encodeCursor({ ts: 5, id: 7, value }, sort), sort)).toEqual({ ts: 5, id: 7, value });
    }
  });

  it("refuses a cursor of another order or direction, and a value that cannot belong to its order", () => {
    const c = encodeCursor({ ts: 5, id: 7, value: 10 }, { key: "duration", dir: "asc" });
    expect(() => decodeCursor(c)).toThrow(/sorted by duration asc, not by start desc: start again/);
    expect(() => decodeCursor(c, { key: "duration", dir: "desc" })).toThrow(/not by duration desc/);
    expect(() => decodeCursor(encodeCursor({ ts: 5, id: 7 }), { key: "flow", dir: "asc" })).toThrow(/sorted by start desc/);
    const bad = Buffer.from(JSON.stringify(["status.asc", "sleeping", 5, 7])).toString("base64url");
    expect(() => decodeCursor(bad, { key: "status", dir: "asc" })).toThrow(/malformed/);
    expect(() => decodeCursor("not json")).toThrow(/malformed/);
  });

  it("reads the order of a URL and writes none for the default", () => {
    expect(sortOfParams(new URLSearchParams("sort=duration"))).toEqual({ key: "duration", dir: "desc" });
    expect(sortOfParams(new URLSearchParams("sort=nonsense"))).toEqual(DEFAULT_SORT);
    expect(sortParams(DEFAULT_SORT)).toEqual({});
    expect(sortParams({ key: "start", dir: "asc" })).toEqual({ sort: "start", dir: "asc" });
    expect(describeSort({ key: "flow", dir: "desc" })).toBe("by flow, Z to A");
  });
});

describe("run columns", () => {
  it("shows every column by default, ignores unknown names, and writes none when all are shown", () => {
    expect(parseColumns(null)).toEqual([...RUN_COLUMNS]);
    expect(parseColumns("tags,flow,bogus")).toEqual(["flow", "tags"]);
    expect(columnsParam(RUN_COLUMNS)).toBeNull();
    expect(columnsParam(["tags", "flow"])).toBe("flow,tags");
    expect(columnsParam([])).toBe("none");
    expect(parseColumns("none")).toEqual([]);
  });

  it("are kept in a saved view with the order, canonically", () => {
    expect(canonicalViewQuery("columns=tags,flow&sort=flow&dir=asc&namespace=global&group=user")).toBe(
      "namespace=global&sort=flow&dir=asc&group=user&columns=flow%2Ctags",
    );
    expect(canonicalViewQuery("namespace=global&columns=flow,user,status,started,duration,tags")).toBe("namespace=global");
    expect(() => canonicalViewQuery("namespace=global&sort=size")).toThrow(/sort must be one of/);
  });
});
