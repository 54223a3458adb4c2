import { describe, expect, it } from "vitest";
import { queryKeys } from "@/lib/query-keys";

describe("queryKeys", () => {
  it("start every key with its entity, so invalidating `all` reaches every list", () => {
    const filters = { namespace: "user:anne", tags: ["a", "b"] };
    expect(queryKeys.runs.list(filters).slice(0, 1)).toEqual(queryKeys.runs.all);
    expect(queryKeys.flows.list({}).slice(0, 1)).toEqual(queryKeys.flows.all);
    expect(queryKeys.tasks.detail("F/1/start/2").slice(0, 1)).toEqual(queryKeys.tasks.all);
    expect(queryKeys.logs.task("F/1/start/2", "stdout").slice(0, 1)).toEqual(queryKeys.logs.all);
  });

  it("tell different filters and objects apart", () => {
    expect(queryKeys.runs.list({ namespace: "user:anne" })).not.toEqual(queryKeys.runs.list({ namespace: "user:bob" }));
    expect(queryKeys.run.detail("HelloFlow", "5")).not.toEqual(queryKeys.run.detail("HelloFlow", "6"));
    expect(queryKeys.logs.task("F/1/s/2", "stdout", 0)).not.toEqual(queryKeys.logs.task("F/1/s/2", "stderr", 0));
  });

  it("are JSON-serializable (React Query hashes them)", () => {
    const key = queryKeys.tasks.list("F", "1", "start", { cursor: null });
    expect(JSON.parse(JSON.stringify(key))).toEqual(key);
  });
});
