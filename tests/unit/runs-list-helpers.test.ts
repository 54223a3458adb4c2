// Pure helpers of the runs list: filter URLs, namespace choices, tag
// suggestions grouped key-then-value, and which live changes reach a viewer.
import { describe, expect, it } from "vitest";
import { hrefOf, withoutFilters, withoutValue, withTag, withValue } from "@/components/runs/filter-url";
import { filterQuery } from "@/components/runs/runs-query";
import { namespaceOptions, type NamespaceListItem } from "@/components/namespace/namespace-options";
import { groupTagSuggestions } from "@/lib/domain/tag-suggestions";
import { parseNamespace } from "@/lib/domain/namespace";

describe("filter URLs", () => {
  const current = new URLSearchParams("namespace=global&tag=a&notTag=b&cursor=xyz");

  it("adds a tag to one list, takes it out of the others and drops the cursor", () => {
    expect(withTag(current, "tag", "b").toString()).toBe("namespace=global&tag=a&tag=b");
    expect(withTag(current, "notTag", "a").toString()).toBe("namespace=global&notTag=b&notTag=a");
    expect(withTag(current, "tag", "a").getAll("tag")).toEqual(["a"]);
  });

  it("sets, clears and removes single filters", () => {
    expect(withValue(current, "status", " failed ").get("status")).toBe("failed");
    expect(withValue(new URLSearchParams("status=failed"), "status", "").has("status")).toBe(false);
    expect(withoutValue(new URLSearchParams("tag=a&tag=b&tag=c"), "tag", "b").toString()).toBe("tag=a&tag=c");
    expect(withoutFilters(current, ["tag", "notTag"]).toString()).toBe("namespace=global");
    expect(hrefOf("/", new URLSearchParams())).toBe("/");
  });

  it("the cache key's filter string keeps only filters, in a fixed order", () => {
    const a = filterQuery(new URLSearchParams("status=failed&namespace=x&cursor=c&tag=t&limit=3&flow="));
    const b = filterQuery(new URLSearchParams("tag=t&status=failed"));
    expect(a).toBe("tag=t&status=failed");
    expect(a).toBe(b);
  });
});

describe("namespace choices", () => {
  const items: NamespaceListItem[] = [
    { name: "user:anne", kind: "user", runCount: 9, lastActivityTs: 1 },
    { name: "user:will", kind: "user", runCount: 8, lastActivityTs: 1 },
    { name: "production:tok", kind: "production", runCount: 3, lastActivityTs: 1 },
    { name: "xyz_features", kind: "tag", runCount: 4, lastActivityTs: 1 },
  ];

  it("offers your own, Global, people, production and tags, in that order", () => {
    const options = namespaceOptions("anne", items, "");
    expect(options.map((o) => [o.group, o.value])).toEqual([
      ["Yours", "user:anne"],
      ["All", "global"],
      ["People", "user:will"],
      ["Production", "production:tok"],
      ["Tags", "xyz_features"],
    ]);
  });

  it("filters by what is typed and offers any typed tag", () => {
    expect(namespaceOptions("anne", items, "WILL").map((o) => o.value)).toEqual(["user:will", "WILL"]);
    expect(namespaceOptions("anne", items, "glo").map((o) => o.value)).toEqual(["global", "glo"]);
    expect(namespaceOptions("carol", [], "").map((o) => o.value)).toEqual(["user:carol", "global"]);
  });
});

describe("tag suggestions", () => {
  const t = (tag: string, runCount: number, system = false) => ({ tag, runCount, system });

  it("groups key:value tags under their key until a colon is typed", () => {
    const tags = [t("date:2020-06-01", 3), t("dataset:small", 2), t("date:2020-06-02", 1), t("dark", 1)];
    expect(groupTagSuggestions("da", tags, 20)).toEqual([
      { value: "date:", kind: "key", system: false, runCount: 4 },
      { value: "dataset:small", kind: "tag", system: false, runCount: 2 },
      { value: "dark", kind: "tag", system: false, runCount: 1 },
    ]);
    expect(groupTagSuggestions("date:", tags.slice(0, 1).concat(tags[2]), 20).map((s) => s.value)).toEqual(["date:2020-06-01", "date:2020-06-02"]);
  });

  it("is bounded and marks system keys", () => {
    const many = Array.from({ length: 30 }, (_, i) => t(`tag${i}`, 30 - i));
    expect(groupTagSuggestions("", many, 20)).toHaveLength(20);
    const system = groupTagSuggestions("", [t("user:anne", 9, true), t("user:will", 8, true)], 20);
    expect(system).toEqual([{ value: "user:", kind: "key", system: true, runCount: 17 }]);
  });
});

describe("which live changes reach a viewer", async () => {
  const { mattersTo } = await import("@/lib/live/sse");
  const created = (tags?: string[]) => ({ kind: "run_created" as const, flow: "F", runNumber: 1, runDbId: 1, tags });

  it("new runs only in their namespaces; everything in Global; other changes always", () => {
    expect(mattersTo(parseNamespace("user:anne"), created(["user:anne", "x"]))).toBe(true);
    expect(mattersTo(parseNamespace("user:anne"), created(["user:will"]))).toBe(false);
    expect(mattersTo(parseNamespace("global"), created(["user:will"]))).toBe(true);
    // Tags left out of an oversize notification: maybe relevant.
    expect(mattersTo(parseNamespace("user:anne"), created(undefined))).toBe(true);
    expect(mattersTo(parseNamespace("user:anne"), { kind: "tags_changed", flow: "F", runNumber: 1, runDbId: 1 })).toBe(true);
    expect(mattersTo(parseNamespace("user:anne"), { kind: "resync" })).toBe(true);
  });
});
