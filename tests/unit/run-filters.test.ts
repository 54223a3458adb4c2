import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, parseRunFilters, requiredTags } from "@/lib/domain/run-filters";

const parse = (q: string) => parseRunFilters(new URLSearchParams(q), "user:anne");

describe("run filters", () => {
  it("defaults to the person's namespace and 50 runs", () => {
    const f = parse("");
    expect(f.namespace).toEqual({ kind: "tag", tag: "user:anne" });
    expect(f.limit).toBe(50);
  });
  it("reads every filter", () => {
    const f = parse("namespace=global&tag=a&tag=b&anyTag=c&notTag=d&status=running&flow=HelloFlow&user=will&since=1000&until=2020-06-02&limit=10");
    expect(f).toMatchObject({
      namespace: { kind: "global" },
      allTags: ["a", "b"],
      anyTags: ["c"],
      notTags: ["d"],
      status: "running",
      flow: "HelloFlow",
      user: "will",
      since: 1000,
      until: Date.parse("2020-06-02"),
      limit: 10,
    });
  });
  it("the required tags are the namespace, the all-of tags and the owner", () => {
    expect(requiredTags(parse("tag=crazy_test&tag=date:2020-06-01&user=will")).sort()).toEqual(
      ["crazy_test", "date:2020-06-01", "user:anne", "user:will"].sort(),
    );
  });
  it("round-trips the cursor", () => {
    const c = { ts: 1_700_000_000_123, id: 42 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });
  it("answers bad parameters with a message", () => {
    expect(() => parse("status=sleeping")).toThrow(/status must be one of running, completed, failed/);
    expect(() => parse("limit=0")).toThrow(/limit must be at least 1/);
    expect(() => parse("limit=500")).toThrow(/limit must be at most 200/);
    expect(() => parse("limit=abc")).toThrow(/limit/);
    expect(() => parse("cursor=garbage")).toThrow(/cursor is malformed/);
    expect(() => parse(`tag=${"x".repeat(501)}`)).toThrow(/Tag is too long/);
    expect(() => parse("since=yesterday-ish")).toThrow(/not a time/);
  });
});
