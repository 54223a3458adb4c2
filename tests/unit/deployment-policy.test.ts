// The production deployment policy: Metaflow's token rules, Flowdeck's
// grants, the strict mode, rotation and retirement.
import { describe, expect, it } from "vitest";
import { decideDeploy, decideGrant, decideRetire, decideRevoke, productionGuard, type DeploymentState } from "@/lib/domain/deployment-policy";

const deployed: DeploymentState = { flow: "PredictionFlow", token: "predictionflow-abc", authorized: ["anne"], deployedBy: "anne", retired: false };

describe("deploying", () => {
  it("is a first deployment when nothing, or only a retired deployment, exists", () => {
    expect(decideDeploy(null, { actor: "anne" }, "token")).toEqual({ kind: "first" });
    expect(decideDeploy({ ...deployed, retired: true }, { actor: "will" }, "token")).toEqual({ kind: "first" });
  });

  it("lets the authorized redeploy and rotate", () => {
    expect(decideDeploy(deployed, { actor: "anne" }, "token")).toEqual({ kind: "deploy", authorizeNow: false, rotate: false });
    expect(decideDeploy(deployed, { actor: "anne", generateNewToken: true }, "grants")).toEqual({ kind: "deploy", authorizeNow: false, rotate: true });
  });

  it("refuses anyone else without the token, naming who deployed last and the command to use", () => {
    const d = decideDeploy(deployed, { actor: "will" }, "token");
    expect(d.kind).toBe("refuse");
    const message = (d as { message: string }).message;
    expect(message).toMatch(/^will is not authorized to deploy PredictionFlow: no production token was given/);
    expect(message).toMatch(/last deployed by anne/);
    expect(message).toMatch(/needs the same production token/);
    expect(message).toMatch(/flowdeck deploy PredictionFlow --authorize TOKEN$/);
    expect((decideDeploy(deployed, { actor: "will", authorizeToken: "predictionflow-abd" }, "token") as { message: string }).message).toMatch(
      /the token given with --authorize is not the current production token/,
    );
  });

  it("authorizes whoever presents the current token, but not to rotate in the same breath", () => {
    expect(decideDeploy(deployed, { actor: "will", authorizeToken: " predictionflow-abc " }, "token")).toEqual({
      kind: "deploy",
      authorizeNow: true,
      rotate: false,
    });
    expect(decideDeploy(deployed, { actor: "will", authorizeToken: "predictionflow-abc", generateNewToken: true }, "token").kind).toBe("refuse");
  });

  it("in strict mode, a token authorizes nobody: only grants do", () => {
    const d = decideDeploy(deployed, { actor: "will", authorizeToken: "predictionflow-abc" }, "grants");
    expect(d.kind).toBe("refuse");
    expect((d as { message: string }).message).toMatch(/grants only \(FLOWDECK_PRODUCTION_GUARD=grants\): ask anne/);
  });

  it("reads the guard from FLOWDECK_PRODUCTION_GUARD", () => {
    expect(productionGuard({})).toBe("token");
    expect(productionGuard({ FLOWDECK_PRODUCTION_GUARD: "grants" })).toBe("grants");
    expect(productionGuard({ FLOWDECK_PRODUCTION_GUARD: "nonsense" })).toBe("token");
  });
});

describe("grants, revocation and retirement", () => {
  const two = { ...deployed, authorized: ["anne", "will"] };
  it("only the authorized grant; granting twice changes nothing", () => {
    expect(decideGrant(deployed, "anne", "will")).toEqual({ changed: true });
    expect(decideGrant(two, "anne", "will")).toEqual({ changed: false });
    expect(() => decideGrant(deployed, "will", "will")).toThrow(/will is not authorized to deploy PredictionFlow, so cannot grant/);
  });

  it("revokes anyone but the last authorized person", () => {
    expect(decideRevoke(two, "anne", "will")).toEqual({ changed: true });
    expect(decideRevoke(two, "will", "will")).toEqual({ changed: true });
    expect(decideRevoke(two, "anne", "maria")).toEqual({ changed: false });
    expect(() => decideRevoke(deployed, "anne", "anne")).toThrow(/anne is the last person authorized to deploy PredictionFlow/);
  });

  it("retires only for the authorized, and never twice", () => {
    expect(() => decideRetire(deployed, "anne")).not.toThrow();
    expect(() => decideRetire(deployed, "will")).toThrow(/cannot retire it/);
    expect(() => decideRetire({ ...deployed, retired: true }, "anne")).toThrow(/is retired/);
  });
});
