import "server-only";
// Production deployments in the dashboard API (/api/v1/deployments), used by
// the CLI and scripts; the Production screen's actions call the same data
// functions, which ask lib/domain/deployment-policy.ts.
import type { z } from "zod";
import type { Db } from "../db";
import { badRequest, notFound } from "../errors";
import type { Actor } from "../domain/tag-edit";
import { deployBodySchema, flowNameSchema, userNameSchema } from "../domain/deployment-requests";
import { productionGuard } from "../domain/deployment-policy";
import { getDeployment, listDeployments, type DeploymentView } from "../data/production-read";
import { deployFlow, grantDeployAccess, retireDeployment, revokeDeployAccess } from "../data/production-write";
import { jsonBody } from "./request";

const NO_STORE = { "cache-control": "no-store" };

/** A path parameter checked by its schema; a bad one is a 400 with the schema's message. */
function parsed<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw badRequest(r.error.issues[0].message);
  return r.data;
}

/** A deployment as the API answers it: without the history unless asked. */
function deploymentJson(d: DeploymentView, withHistory: boolean) {
  const { events, ...rest } = d;
  return {
    ...rest,
    retired: d.retiredTs !== null,
    authorized: d.authorized.map((a) => a.userName),
    ...(withHistory ? { history: events.map((e) => ({ ts: e.ts, kind: e.kind, actor: e.actor, source: e.source, message: e.detail?.message ?? "" })) } : {}),
  };
}

/** GET /api/v1/deployments → {guard, deployments}. */
export async function handleListDeployments(db: Db): Promise<Response> {
  const deployments = await listDeployments(db, { eventsPerDeployment: 0 });
  return Response.json({ guard: productionGuard(), deployments: deployments.map((d) => deploymentJson(d, false)) }, { headers: NO_STORE });
}

/** GET /api/v1/deployments/{flow} → the deployment with its history. */
export async function handleGetDeployment(db: Db, flowParam: string): Promise<Response> {
  const flow = parsed(flowNameSchema, flowParam);
  const d = await getDeployment(db, flow);
  if (!d) throw notFound(`${flow} has not been deployed to production.`);
  return Response.json(deploymentJson(d, true), { headers: NO_STORE });
}

/** POST /api/v1/deployments/{flow} {authorize?, generateNewToken?} → {token, namespace, firstDeployment, rotated, authorizedNow, …}. */
export async function handleDeploy(db: Db, request: Request, flowParam: string, actor: Actor): Promise<Response> {
  const flow = parsed(flowNameSchema, flowParam);
  const body = await jsonBody(request, deployBodySchema, true);
  const result = await deployFlow(db, { flow, actor, authorizeToken: body.authorize, generateNewToken: body.generateNewToken });
  return Response.json(result, { headers: NO_STORE });
}

/** POST (grant) or DELETE (revoke) /api/v1/deployments/{flow}/grants/{user} → {changed, message}. */
export async function handleGrant(db: Db, method: "POST" | "DELETE", flowParam: string, userParam: string, actor: Actor): Promise<Response> {
  const flow = parsed(flowNameSchema, flowParam);
  const user = parsed(userNameSchema, userParam);
  const result = method === "POST" ? await grantDeployAccess(db, flow, user, actor) : await revokeDeployAccess(db, flow, user, actor);
  return Response.json(result, { headers: NO_STORE });
}

/** POST /api/v1/deployments/{flow}/retire → {message}. */
export async function handleRetire(db: Db, flowParam: string, actor: Actor): Promise<Response> {
  const flow = parsed(flowNameSchema, flowParam);
  return Response.json(await retireDeployment(db, flow, actor), { headers: NO_STORE });
}
