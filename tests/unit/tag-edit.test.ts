// Pure rules of tag editing: request schemas, what the page shows before the
// server answers, and the sentences a bulk edit's result is told in.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bulkTagEditSchema, describeBulkOutcome, describeRunRefusal, expectedUserTags, filterParams, tagChangeSchema } from "@/lib/domain/tag-edit";
import { MAX_USER_TAGS, planTagMutation, tagProblem } from "@/lib/domain/tags";
import { parseAuditFilters } from "@/lib/domain/audit-filters";
import { isUserError } from "@/lib/errors";

describe("bulk outcome sentences", () => {
  it("says what was added, what was already there and what failed, naming the run", () => {
    expect(
      describeBulkOutcome(
        { add: ["candidate"], remove: [] },
        {
          changed: 37,
          unchanged: 2,
          failed: [{ run: "HelloFlow/9", error: "HelloFlow/9 already has 50 tags" }],
        },
      ),
    ).toBe("Added candidate to 37 runs; 2 already had it; 1 failed: HelloFlow/9 already has 50 tags");
    expect(describeBulkOutcome({ add: ["a", "b"], remove: [] }, { changed: 1, unchanged: 3, failed: [] })).toBe("Added a, b to 1 run; 3 already had them");
  });

  it("speaks of removals and of mixed edits in their own words, and lists at most three failures", () => {
    expect(describeBulkOutcome({ add: [], remove: ["x"] }, { changed: 10_000, unchanged: 1, failed: [] })).toBe(
      "Removed x from 10,000 runs; 1 did not have it",
    );
    const failed = Array.from({ length: 5 }, (_, i) => ({ run: `F/${i}`, error: `F/${i} does not exist` }));
    expect(describeBulkOutcome({ add: ["y"], remove: ["x"] }, { changed: 0, unchanged: 0, failed })).toBe(
      "Changed the tags of 0 runs; 5 failed: F/0 does not exist; F/1 does not exist; F/2 does not exist; and 2 more",
    );
  });

  it("tells a full run from one the edit would overfill", () => {
    expect(describeRunRefusal("HelloFlow/9", { message: "", tooMany: { current: 50, next: 51 } })).toBe("HelloFlow/9 already has 50 tags");
    expect(describeRunRefusal("HelloFlow/9", { message: "", tooMany: { current: 49, next: 52 } })).toBe("HelloFlow/9 would have 52 tags (at most 50)");
    expect(describeRunRefusal("HelloFlow/9", { message: "Cannot remove tags that are existing system tags {'user:anne'}" })).toBe(
      "HelloFlow/9: Cannot remove tags that are existing system tags {'user:anne'}",
    );
  });
});

describe("request schemas", () => {
  it("takes add and remove lists of valid tags, at least one tag in all", () => {
    expect(tagChangeSchema.parse({ add: ["a"] })).toEqual({ add: ["a"], remove: [] });
    for (const bad of [{}, { add: [""] }, { add: ["x".repeat(501)] }, { remove: ["a\u0000"] }, { add: "a" }, { add: ["\udc00"] }]) {
      expect(tagChangeSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(tagChangeSchema.safeParse({ add: Array(1001).fill("a") }).error?.issues[0].message).toMatch(/at most 1000/);
  });

  it("takes runs or a filter, never both or neither, and pathspecs of runs only", () => {
    expect(bulkTagEditSchema.safeParse({ runs: ["HelloFlow/1"], add: ["a"] }).success).toBe(true);
    expect(bulkTagEditSchema.safeParse({ filter: { tag: ["x", "y"], status: "failed" }, add: ["a"] }).success).toBe(true);
    const message = (body: unknown) => bulkTagEditSchema.safeParse(body).error?.issues[0].message;
    expect(message({ add: ["a"] })).toMatch(/either runs/);
    expect(message({ runs: ["HelloFlow/1"], filter: {}, add: ["a"] })).toMatch(/either runs/);
    expect(message({ runs: ["HelloFlow"], add: ["a"] })).toMatch(/not a run/);
    expect(message({ runs: ["HelloFlow/1/start"], add: ["a"] })).toMatch(/not a run/);
    expect(message({ runs: [], add: ["a"] })).toMatch(/at least one run/);
    expect(message({ filter: { colour: "red" }, add: ["a"] })).toMatch(/"colour" is not a runs list parameter/);
  });

  it("turns a filter object into the runs list's query", () => {
    expect(filterParams({ namespace: "user:anne", tag: ["a", "b"], status: "failed", since: 5 }).toString()).toBe(
      "namespace=user%3Aanne&tag=a&tag=b&status=failed&since=5",
    );
  });

  it("refuses NUL in a tag (PostgreSQL cannot store it)", () => {
    expect(tagProblem("a\u0000b")).toMatch(/NUL/);
  });
});

describe("what the page shows before the server answers", () => {
  const tag = fc.constantFrom("a", "b", "c", "d", "user:anne", "runtime:dev", "k:v");
  const tags = fc.uniqueArray(tag, { maxLength: 5 });
  it("is what the server will store whenever it accepts the edit", () => {
    fc.assert(
      fc.property(tags, tags, tags, tags, (user, system, add, remove) => {
        const current = { userTags: user.filter((t) => !system.includes(t)), systemTags: system };
        let plan;
        try {
          plan = planTagMutation(current, add, remove);
        } catch (e) {
          if (isUserError(e)) return; // refused: the page rolls back
          throw e;
        }
        expect(expectedUserTags({ tags: current.userTags, systemTags: system }, { add, remove })).toEqual(plan.userTags);
      }),
    );
  });

  it("the tag rules refuse past 50 user tags but never shrink a set that is already too big", () => {
    const full = Array.from({ length: MAX_USER_TAGS }, (_, i) => `t${i}`);
    expect(() => planTagMutation({ userTags: full, systemTags: [] }, ["one-more"], [])).toThrow(/beyond 50/);
    expect(planTagMutation({ userTags: full, systemTags: [] }, ["one-more"], ["t0"]).userTags).toHaveLength(50);
  });
});

describe("audit filters", () => {
  it("reads user, tag, run, time and page size", () => {
    const f = parseAuditFilters(new URLSearchParams("user=anne&tag=x&run=HelloFlow/5&since=2026-01-01&until=1800000000000&limit=10"));
    expect(f).toMatchObject({
      user: "anne",
      tag: "x",
      run: { flow: "HelloFlow", run: "5" },
      since: Date.parse("2026-01-01"),
      until: 1_800_000_000_000,
      limit: 10,
    });
  });

  it("refuses what it cannot use, saying which parameter", () => {
    const message = (q: string) => {
      try {
        parseAuditFilters(new URLSearchParams(q));
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(message("run=HelloFlow")).toMatch(/^run: .*not a run/);
    expect(message("since=yesterday")).toMatch(/^since: "yesterday" is not a time/);
    expect(message("limit=0")).toMatch(/^limit must be at least 1/);
    expect(message("cursor=zz")).toMatch(/cursor is malformed/);
    expect(message(`tag=${"x".repeat(501)}`)).toMatch(/^tag: Tag is too long/);
  });
});
