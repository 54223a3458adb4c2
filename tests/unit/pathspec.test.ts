import { describe, expect, it } from "vitest";
import { formatPathspec, parsePathspec, pathspecHref } from "@/lib/domain/pathspec";

describe("pathspec", () => {
  it("parses every level of Flow/run/step/task", () => {
    expect(parsePathspec("HelloFlow")).toEqual({ flow: "HelloFlow" });
    expect(parsePathspec("HelloFlow/546")).toMatchObject({ flow: "HelloFlow", run: "546" });
    expect(parsePathspec("HelloFlow/546/start/1139")).toEqual({ flow: "HelloFlow", run: "546", step: "start", task: "1139" });
  });

  it("accepts string run ids and stray slashes", () => {
    expect(parsePathspec(" /HelloFlow/argo-hello-x7k/ ")).toMatchObject({ run: "argo-hello-x7k" });
  });

  it("round-trips through format", () => {
    const p = parsePathspec("PredictionFlow/8/train/42");
    expect(formatPathspec(p)).toBe("PredictionFlow/8/train/42");
    expect(pathspecHref(p)).toBe("/runs/PredictionFlow/8/train/42");
  });

  it("explains what is wrong with a bad pathspec", () => {
    expect(() => parsePathspec("")).toThrow(/Enter a pathspec/);
    expect(() => parsePathspec("a/b/c/d/e")).toThrow(/at most four/);
    expect(() => parsePathspec("9Flow/1")).toThrow(/not a flow name/);
    expect(() => parsePathspec("HelloFlow/1/bad-step")).toThrow(/not a step name/);
  });
});
