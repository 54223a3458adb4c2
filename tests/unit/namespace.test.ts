import { describe, expect, it } from "vitest";
import {
  isInNamespace,
  namespaceKind,
  namespacesOfRun,
  notInNamespaceMessage,
  parseNamespace,
  formatNamespace,
  latestIsAmbiguous,
} from "@/lib/domain/namespace";
import { namespaceInEffect, resolveIdentity } from "@/lib/domain/identity";

const willsRun = { tags: ["experiment:lr-sweep"], systemTags: ["user:will", "runtime:dev"] };

describe("namespaces", () => {
  it("a run is in a namespace when the namespace is among its tags or system tags", () => {
    expect(isInNamespace(parseNamespace("user:will"), willsRun)).toBe(true);
    expect(isInNamespace(parseNamespace("experiment:lr-sweep"), willsRun)).toBe(true);
    expect(isInNamespace(parseNamespace("user:anne"), willsRun)).toBe(false);
  });
  it("the global namespace holds everything", () => {
    expect(parseNamespace("global")).toEqual({ kind: "global" });
    expect(parseNamespace("")).toEqual({ kind: "global" });
    expect(isInNamespace(parseNamespace("global"), willsRun)).toBe(true);
    expect(latestIsAmbiguous(parseNamespace("global"))).toBe(true);
    expect(latestIsAmbiguous(parseNamespace("user:anne"))).toBe(false);
  });
  it("says plainly when a run is outside the namespace", () => {
    expect(notInNamespaceMessage("PredictionFlow/5", parseNamespace("user:anne"))).toBe("PredictionFlow/5 is not in namespace user:anne");
    expect(namespacesOfRun(willsRun)).toEqual(["user:will", "experiment:lr-sweep"]);
  });
  it("classifies namespaces", () => {
    expect(namespaceKind("user:anne")).toBe("user");
    expect(namespaceKind("production:predictionflow-abc")).toBe("production");
    expect(namespaceKind("xyz_features")).toBe("tag");
    expect(formatNamespace(parseNamespace("xyz_features"))).toBe("xyz_features");
  });
  it("rejects a namespace that cannot be a tag", () => {
    expect(() => parseNamespace("x".repeat(501))).toThrow(/not a namespace/);
  });
});

describe("namespace in effect and identity", () => {
  it("the URL wins, then the remembered choice, then the person's own", () => {
    expect(namespaceInEffect("global", "user:will", "anne")).toBe("global");
    expect(namespaceInEffect(null, "user:will", "anne")).toBe("user:will");
    expect(namespaceInEffect(undefined, null, "anne")).toBe("user:anne");
  });
  it("local mode: a chosen name, else FLOWDECK_USER, else the OS user", () => {
    const base = { mode: "local" as const, headerName: "x-forwarded-user", osUser: "root" };
    expect(resolveIdentity({ ...base, cookie: "will", envUser: "anne" }).user).toBe("will");
    expect(resolveIdentity({ ...base, envUser: "anne" }).user).toBe("anne");
    expect(resolveIdentity(base).user).toBe("root");
  });
  it("proxy mode: only the proxy's header counts", () => {
    const base = { mode: "proxy" as const, headerName: "x-forwarded-user", osUser: "root", cookie: "mallory" };
    expect(resolveIdentity({ ...base, headerValue: "anne" })).toEqual({ user: "anne", canSwitch: false, source: "proxy" });
    expect(() => resolveIdentity(base)).toThrow(/Sign in through the proxy/);
  });
});

describe("namespaces that cannot exist", () => {
  it("are refused with a message that says why", () => {
    expect(() => parseNamespace("user:")).toThrow(/"user:" is not a namespace: user: needs a name after it, such as user:anne/);
    expect(() => parseNamespace("production:")).toThrow(/production: needs a name after it/);
    expect(() => parseNamespace("a\tb")).toThrow(/contains control characters/);
    expect(() => parseNamespace("x\u001b[31m")).toThrow(/contains control characters/);
    expect(() => parseNamespace("x".repeat(501))).toThrow(/^"x{60}…" is not a namespace: Tag is too long 501 > 500/);
    expect(parseNamespace("user:anne")).toEqual({ kind: "tag", tag: "user:anne" });
    expect(parseNamespace(" global ")).toEqual({ kind: "global" });
  });
});
