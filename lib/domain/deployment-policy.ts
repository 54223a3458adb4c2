// Who may do what to a production deployment, as Metaflow's "Production
// tokens" describes it, plus grants, revocation and retirement. Pure: the
// data layer reads the deployment, asks here, and stores the answer in the
// same transaction.
//
// Guards: "token" (Metaflow's way, the default): the first deployer is
// authorized; anyone else presents the current token once and is authorized
// from then on. "grants" (FLOWDECK_PRODUCTION_GUARD=grants): a token is not
// enough; only a grant by an authorized person authorizes.
import { UserError } from "../errors";
import { tokensMatch } from "./tokens";

export type ProductionGuard = "token" | "grants";

export function productionGuard(env: Record<string, string | undefined> = process.env): ProductionGuard {
  return env.FLOWDECK_PRODUCTION_GUARD === "grants" ? "grants" : "token";
}

/** What the policy needs to know about a deployment. */
export type DeploymentState = {
  flow: string;
  token: string;
  authorized: string[];
  deployedBy: string;
  retired: boolean;
};

export type DeployRequest = { actor: string; authorizeToken?: string; generateNewToken?: boolean };

export type DeployDecision = { kind: "first" } | { kind: "deploy"; authorizeNow: boolean; rotate: boolean } | { kind: "refuse"; message: string };

/** The command that would work once the person has the token. */
export const authorizeCommand = (flow: string, token = "TOKEN") => `flowdeck deploy ${flow} --authorize ${token}`;

export function decideDeploy(d: DeploymentState | null, req: DeployRequest, guard: ProductionGuard): DeployDecision {
  if (!d || d.retired) return { kind: "first" };
  const authorized = d.authorized.includes(req.actor);
  const presented = req.authorizeToken?.trim();
  if (authorized) return { kind: "deploy", authorizeNow: false, rotate: !!req.generateNewToken };
  const last = `${d.flow} was last deployed by ${d.deployedBy}`;
  if (guard === "grants") {
    return {
      kind: "refuse",
      message:
        `${req.actor} is not authorized to deploy ${d.flow}. ${last}. This Flowdeck authorizes by grants only ` +
        `(FLOWDECK_PRODUCTION_GUARD=grants): ask ${d.deployedBy} or another authorized person to grant you access.`,
    };
  }
  if (!presented || !tokensMatch(presented, d.token)) {
    const why = presented ? "the token given with --authorize is not the current production token" : "no production token was given";
    return {
      kind: "refuse",
      message:
        `${req.actor} is not authorized to deploy ${d.flow}: ${why}. ${last}; deploying it again needs the same ` +
        `production token. Ask ${d.deployedBy} (or anyone authorized) for it, then run: ${authorizeCommand(d.flow)}`,
    };
  }
  if (req.generateNewToken) {
    // Rotating is for people who were authorized before this request: presenting
    // a token you were handed does not also let you throw it away unseen.
    return {
      kind: "refuse",
      message:
        `${req.actor} may deploy ${d.flow} with this token, but only people already authorized may generate a new one. ` +
        `Deploy once without --generate-new-token, then ask for a new token.`,
    };
  }
  return { kind: "deploy", authorizeNow: true, rotate: false };
}

/** An authorized person grants another; granting someone already authorized changes nothing. */
export function decideGrant(d: DeploymentState, actor: string, user: string): { changed: boolean } {
  requireAuthorized(d, actor, "grant authorization");
  return { changed: !d.authorized.includes(user) };
}

/** An authorized person revokes another (or themselves), never the last one. */
export function decideRevoke(d: DeploymentState, actor: string, user: string): { changed: boolean } {
  requireAuthorized(d, actor, "revoke authorization");
  if (!d.authorized.includes(user)) return { changed: false };
  if (d.authorized.length === 1) {
    throw new UserError("unprocessable", `${user} is the last person authorized to deploy ${d.flow}: grant someone else first.`);
  }
  return { changed: true };
}

/** Retiring a deployment made by mistake: its namespaces and runs stay; the next deploy starts afresh. */
export function decideRetire(d: DeploymentState, actor: string): void {
  requireAuthorized(d, actor, "retire it");
}

function requireAuthorized(d: DeploymentState, actor: string, what: string) {
  if (d.retired) throw new UserError("unprocessable", `${d.flow} is retired: deploy it again first.`);
  if (!d.authorized.includes(actor)) {
    throw new UserError("forbidden", `${actor} is not authorized to deploy ${d.flow}, so cannot ${what}. Authorized: ${d.authorized.join(", ")}.`);
  }
}
