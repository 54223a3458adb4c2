import "server-only";
// Production deployments: stores what lib/domain/deployment-policy.ts decides,
// reading and deciding in one transaction. Every deploy, authorization,
// refusal, rotation, grant, revocation and retirement goes to the audit
// history. Concurrent changes of one deployment: the deployment's version is
// checked on write, so one wins and the other gets a clear conflict; there are
// never two current tokens.
import type { Db, Tx } from "../db";
import { UserError } from "../errors";
import { nowMs } from "../clock";
import { generateProductionToken, tokenNamespace } from "../domain/tokens";
import {
  decideDeploy, decideGrant, decideRetire, decideRevoke, productionGuard,
  type DeploymentState, type ProductionGuard,
} from "../domain/deployment-policy";
import type { Actor } from "../domain/tag-edit";
import { recordAuditEvents } from "./audit-write";
import { dialectOf } from "./dialect";
import { isUniqueViolation, retrying } from "./sql";

export type DeployInput = { flow: string; actor: Actor; authorizeToken?: string; generateNewToken?: boolean };
export type DeployResult = {
  token: string;
  namespace: string;
  firstDeployment: boolean;
  rotated: boolean;
  authorizedNow: boolean;
  /** The namespace earlier runs stay in, after a rotation. */
  previousNamespace: string | null;
  message: string;
};

const conflict = (flow: string) =>
  new UserError("conflict", `${flow} was changed by someone else at the same moment; look again and retry.`);

type Loaded = { deployment: { id: number; version: number } | null; state: DeploymentState | null };

async function load(tx: Tx, flowId: number, flow: string): Promise<Loaded> {
  const d = await tx.deployment.findUnique({ where: { flowId }, include: { authorized: { orderBy: { grantedTs: "asc" } } } });
  if (!d) return { deployment: null, state: null };
  return {
    deployment: { id: d.id, version: d.version },
    state: { flow, token: d.token, authorized: d.authorized.map((a) => a.userName), deployedBy: d.deployedBy, retired: d.retiredTs !== null },
  };
}

async function claim(tx: Tx, d: { id: number; version: number }, flow: string, data: Record<string, unknown>) {
  const claimed = await tx.deployment.updateMany({ where: { id: d.id, version: d.version }, data: { ...data, version: { increment: 1 } } });
  if (claimed.count !== 1) throw conflict(flow);
}

async function audit(tx: Tx, db: Db, actor: Actor, kind: string, flow: string, detail: Record<string, unknown>) {
  await recordAuditEvents(tx, dialectOf(db), [{ ts: nowMs(), actor: actor.user, source: actor.source, kind, subject: flow, detail }]);
}

/** Runs `fn` in a transaction, retried when it lost a race; a lost version check or a duplicate first deploy is a conflict. */
async function inTransaction<T>(db: Db, flow: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await retrying(() => db.$transaction(fn));
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(flow);
    throw e;
  }
}

export async function deployFlow(db: Db, input: DeployInput, guard: ProductionGuard = productionGuard()): Promise<DeployResult> {
  const { flow, actor } = input;
  const outcome = await inTransaction(db, flow, async (tx) => {
    const now = nowMs();
    const f = await tx.flow.upsert({ where: { name: flow }, update: {}, create: { name: flow, userName: actor.user, createdTs: now } });
    const { deployment, state } = await load(tx, f.id, flow);
    const decision = decideDeploy(state, { actor: actor.user, authorizeToken: input.authorizeToken, generateNewToken: input.generateNewToken }, guard);

    if (decision.kind === "refuse") {
      // The refusal is part of the history: it commits, then the caller is told.
      await audit(tx, db, actor, "refuse", flow, { message: decision.message });
      return { refused: decision.message } as const;
    }

    if (decision.kind === "first") {
      const token = generateProductionToken(flow);
      let id: number;
      if (deployment) {
        // A retired deployment starts afresh: new token, only the deployer authorized.
        await claim(tx, deployment, flow, { token, deployedBy: actor.user, createdTs: now, updatedTs: now, retiredTs: null });
        await tx.deploymentAuthorization.deleteMany({ where: { deploymentId: deployment.id } });
        id = deployment.id;
      } else {
        id = (await tx.deployment.create({ data: { flowId: f.id, token, deployedBy: actor.user, createdTs: now, updatedTs: now } })).id;
      }
      await tx.deploymentAuthorization.create({ data: { deploymentId: id, userName: actor.user, grantedTs: now } });
      await tx.deploymentToken.create({ data: { deploymentId: id, token, createdTs: now, createdBy: actor.user } });
      const message = `First deployment of ${flow}: new token and namespace ${tokenNamespace(token)}.`;
      await audit(tx, db, actor, "deploy", flow, { message, token });
      return { result: { token, namespace: tokenNamespace(token), firstDeployment: true, rotated: false, authorizedNow: true, previousNamespace: null, message } };
    }

    const current = state!;
    let token = current.token;
    await claim(tx, deployment!, flow, { deployedBy: actor.user, updatedTs: now });
    if (decision.authorizeNow) {
      await tx.deploymentAuthorization.create({ data: { deploymentId: deployment!.id, userName: actor.user, grantedTs: now } });
      await audit(tx, db, actor, "authorize", flow, {
        message: `${actor.user} presented the current token and is now authorized to deploy ${flow}.`,
      });
    }
    let message: string;
    if (decision.rotate) {
      token = generateProductionToken(flow);
      await tx.deployment.update({ where: { id: deployment!.id }, data: { token } });
      await tx.deploymentToken.updateMany({ where: { deploymentId: deployment!.id, replacedTs: null }, data: { replacedTs: now } });
      await tx.deploymentToken.create({ data: { deploymentId: deployment!.id, token, createdTs: now, createdBy: actor.user } });
      message = `New production token for ${flow}: new runs go to ${tokenNamespace(token)}, which starts empty; ` +
        `earlier runs stay in ${tokenNamespace(current.token)}.`;
      await audit(tx, db, actor, "rotate", flow, { message, token, previousToken: current.token });
    } else {
      message = `Redeployed ${flow} with the existing token: its runs go to ${tokenNamespace(token)}.`;
      await audit(tx, db, actor, "deploy", flow, { message, token });
    }
    return {
      result: {
        token, namespace: tokenNamespace(token), firstDeployment: false, rotated: decision.rotate, authorizedNow: decision.authorizeNow,
        previousNamespace: decision.rotate ? tokenNamespace(current.token) : null, message,
      },
    };
  });
  if ("refused" in outcome) throw new UserError("forbidden", outcome.refused!);
  return outcome.result;
}

/** The deployment of `flow` for a grant, revoke or retire; a flow never deployed is not found. */
async function loadExisting(tx: Tx, flow: string) {
  const f = await tx.flow.findUnique({ where: { name: flow } });
  const loaded = f ? await load(tx, f.id, flow) : null;
  if (!loaded?.deployment) throw new UserError("not_found", `${flow} has not been deployed to production.`);
  return { deployment: loaded.deployment, state: loaded.state! };
}

export async function grantDeployAccess(db: Db, flow: string, user: string, actor: Actor): Promise<{ changed: boolean; message: string }> {
  return inTransaction(db, flow, async (tx) => {
    const { deployment, state } = await loadExisting(tx, flow);
    const { changed } = decideGrant(state, actor.user, user);
    if (!changed) return { changed, message: `${user} is already authorized to deploy ${flow}.` };
    const now = nowMs();
    await claim(tx, deployment, flow, { updatedTs: now });
    await tx.deploymentAuthorization.create({ data: { deploymentId: deployment.id, userName: user, grantedTs: now } });
    const message = `${actor.user} authorized ${user} to deploy ${flow}.`;
    await audit(tx, db, actor, "grant", flow, { message, user });
    return { changed, message };
  });
}

export async function revokeDeployAccess(db: Db, flow: string, user: string, actor: Actor): Promise<{ changed: boolean; message: string }> {
  return inTransaction(db, flow, async (tx) => {
    const { deployment, state } = await loadExisting(tx, flow);
    const { changed } = decideRevoke(state, actor.user, user);
    if (!changed) return { changed, message: `${user} was not authorized to deploy ${flow}.` };
    await claim(tx, deployment, flow, { updatedTs: nowMs() });
    await tx.deploymentAuthorization.delete({ where: { deploymentId_userName: { deploymentId: deployment.id, userName: user } } });
    const message = `${actor.user} revoked ${user}'s authorization to deploy ${flow}.`;
    await audit(tx, db, actor, "revoke", flow, { message, user });
    return { changed, message };
  });
}

export async function retireDeployment(db: Db, flow: string, actor: Actor): Promise<{ message: string }> {
  return inTransaction(db, flow, async (tx) => {
    const { deployment, state } = await loadExisting(tx, flow);
    decideRetire(state, actor.user);
    const now = nowMs();
    await claim(tx, deployment, flow, { retiredTs: now, updatedTs: now });
    await tx.deploymentToken.updateMany({ where: { deploymentId: deployment.id, replacedTs: null }, data: { replacedTs: now } });
    const message = `${actor.user} retired the production deployment of ${flow}. Its runs stay in ${tokenNamespace(state.token)}; ` +
      `deploying ${flow} again starts a new namespace.`;
    await audit(tx, db, actor, "retire", flow, { message, token: state.token });
    return { message };
  });
}
