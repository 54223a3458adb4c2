import { describe, expect, it } from "vitest";
import { planTagMutation, splitTag, tagProblem, MAX_USER_TAGS } from "@/lib/domain/tags";
import { UserError } from "@/lib/errors";

const run = { userTags: ["a", "b"], systemTags: ["user:anne", "runtime:dev"] };

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    return e as UserError;
  }
  throw new Error("expected an error");
}

describe("tag validation", () => {
  it("accepts 1 to 500 characters of valid text", () => {
    expect(tagProblem("x")).toBeNull();
    expect(tagProblem("é".repeat(500))).toBeNull();
    expect(tagProblem("🙂".repeat(500))).toBeNull();
  });
  it("uses Metaflow's messages for bad tags", () => {
    expect(tagProblem("")).toBe("Tags must not be empty string");
    expect(tagProblem("x".repeat(501))).toBe("Tag is too long 501 > 500");
    expect(tagProblem("bad\uD800")).toBe("Tags must be UTF-8 encodable");
    expect(tagProblem(7)).toMatch(/must be strings/);
  });
});

describe("tag mutation", () => {
  it("applies removals before additions", () => {
    const plan = planTagMutation(run, ["a", "c"], ["a"]);
    expect(plan.userTags).toEqual(["a", "b", "c"]);
    expect(plan.added).toEqual(["c"]);
    expect(plan.removed).toEqual([]);
  });
  it("replaces a tag", () => {
    expect(planTagMutation(run, ["z"], ["a"]).userTags).toEqual(["b", "z"]);
  });
  it("refuses to remove a system tag, with a 422", () => {
    const e = errorOf(() => planTagMutation(run, [], ["user:anne"]));
    expect(e.status).toBe(422);
    expect(e.message).toBe("Cannot remove tags that are existing system tags {'user:anne'}");
  });
  it("treats adding a system tag as a no-op", () => {
    const plan = planTagMutation(run, ["runtime:dev"], []);
    expect(plan.changed).toBe(false);
    expect(plan.userTags).toEqual(["a", "b"]);
  });
  it("caps the user tag set at 50 but lets an oversized set shrink", () => {
    const full = { userTags: Array.from({ length: MAX_USER_TAGS }, (_, i) => `t${i}`), systemTags: [] };
    expect(errorOf(() => planTagMutation(full, ["one-more"], [])).message).toBe("Cannot increase size of tag set beyond 50");
    expect(planTagMutation(full, ["one-more"], ["t0"]).userTags).toHaveLength(50);
  });
  it("rejects an invalid tag before changing anything", () => {
    expect(errorOf(() => planTagMutation(run, ["ok", "x".repeat(501)], [])).status).toBe(400);
  });
});

describe("splitTag", () => {
  it("splits key:value at the first colon", () => {
    expect(splitTag("date:2020-06-01")).toEqual({ key: "date", value: "2020-06-01" });
    expect(splitTag("a:b:c")).toEqual({ key: "a", value: "b:c" });
    expect(splitTag("crazy_test")).toEqual({ key: "crazy_test", value: null });
  });
});
