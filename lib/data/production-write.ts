import "server-only";
// Production deployments and their tokens, with an audit history of every
// deploy, authorization, refusal and rotation.
import type { Db, Tx } from "../db";
import { UserError } from "../errors";
import { generateProductionToken, tokenNamespace, tokensMatch } from "../domain/tokens";
import { nowMs } from "../clock";

export type DeployInput = { flow: string; actor: string; authorizeToken?: string; generateNewToken?: boolean };
export type DeployResult = { token: string; namespace: string; firstDeployment: boolean; rotated: boolean; authorizedNow: boolean };

async function record(tx: Tx | Db, deploymentId: number, kind: string, actor: string, message: string, token?: string) {
  await tx.productionEvent.create({ data: { deploymentId, kind, actor, message, token: token ?? null, ts: nowMs() } });
}

export async function deployFlow(db: Db, input: DeployInput): Promise<DeployResult> {
  const now = nowMs();
  const flow =
    (await db.flow.findUnique({ where: { name: input.flow } })) ??
    (await db.flow.upsert({ where: { name: input.flow }, update: {}, create: { name: input.flow, userName: input.actor, createdTs: now } }));
  const existing = await db.deployment.findUnique({ where: { flowId: flow.id }, include: { authorized: true } });

  if (!existing) {
    const token = generateProductionToken(flow.name);
    await db.$transaction(async (tx) => {
      const d = await tx.deployment.create({
        data: { flowId: flow.id, token, deployedBy: input.actor, createdTs: now, updatedTs: now },
      });
      await tx.deploymentAuthorization.create({ data: { deploymentId: d.id, userName: input.actor, grantedTs: now } });
      await record(tx, d.id, "deploy", input.actor, `First deployment of ${flow.name}: new token and namespace ${tokenNamespace(token)}.`, token);
    });
    return { token, namespace: tokenNamespace(token), firstDeployment: true, rotated: false, authorizedNow: true };
  }

  const isAuthorized = existing.authorized.some((a) => a.userName === input.actor);
  const presented = input.authorizeToken?.trim();
  const tokenOk = presented ? tokensMatch(presented, existing.token) : false;

  if (!isAuthorized && !tokenOk) {
    const why = presented ? "the token given with --authorize is not the current production token" : "no production token was given";
    const message =
      `${input.actor} is not authorized to deploy ${flow.name}: ${why}. It was last deployed by ${existing.deployedBy}. ` +
      `Ask ${existing.deployedBy} (or anyone authorized) for the current token and deploy with --authorize TOKEN.`;
    await record(db, existing.id, "refuse", input.actor, message);
    throw new UserError("forbidden", message);
  }

  return db.$transaction(async (tx) => {
    const claimed = await tx.deployment.updateMany({
      where: { id: existing.id, version: existing.version },
      data: { version: { increment: 1 }, deployedBy: input.actor, updatedTs: now },
    });
    if (claimed.count !== 1) throw new UserError("conflict", `${flow.name} was deployed by someone else at the same moment; try again.`);
    let authorizedNow = false;
    if (!isAuthorized) {
      await tx.deploymentAuthorization.create({ data: { deploymentId: existing.id, userName: input.actor, grantedTs: now } });
      await record(tx, existing.id, "authorize", input.actor, `${input.actor} presented the current token and is now authorized to deploy ${flow.name}.`);
      authorizedNow = true;
    }
    let token = existing.token;
    if (input.generateNewToken) {
      token = generateProductionToken(flow.name);
      await tx.deployment.update({ where: { id: existing.id }, data: { token } });
      await record(tx, existing.id, "rotate", input.actor,
        `New production token for ${flow.name}: new runs go to ${tokenNamespace(token)}; earlier runs stay in ${tokenNamespace(existing.token)}.`, token);
    } else {
      await record(tx, existing.id, "deploy", input.actor, `Redeployed ${flow.name} with the existing token.`, token);
    }
    return { token, namespace: tokenNamespace(token), firstDeployment: false, rotated: token !== existing.token, authorizedNow };
  });
}
