import "server-only";
// Reads for the production screen: deployments, who may deploy, and the audit history.
import type { Db } from "../db";
import { tokenNamespace } from "../domain/tokens";

export type DeploymentView = {
  flow: string;
  token: string;
  namespace: string;
  deployedBy: string;
  createdTs: number;
  updatedTs: number;
  authorized: { userName: string; grantedTs: number }[];
  runCount: number;
  events: { id: number; kind: string; actor: string; message: string; ts: number; namespace: string | null }[];
};

export async function listDeployments(db: Db, eventsPerDeployment = 50): Promise<DeploymentView[]> {
  const deployments = await db.deployment.findMany({
    orderBy: { updatedTs: "desc" },
    include: {
      flow: { select: { name: true } },
      authorized: { orderBy: { grantedTs: "asc" } },
      events: { orderBy: { id: "desc" }, take: eventsPerDeployment },
    },
  });
  const namespaces = deployments.map((d) => tokenNamespace(d.token));
  const stats = await db.tagStat.findMany({ where: { tag: { in: namespaces } } });
  const counts = new Map(stats.map((s) => [s.tag, s.runCount]));
  return deployments.map((d) => ({
    flow: d.flow.name,
    token: d.token,
    namespace: tokenNamespace(d.token),
    deployedBy: d.deployedBy,
    createdTs: d.createdTs,
    updatedTs: d.updatedTs,
    authorized: d.authorized.map((a) => ({ userName: a.userName, grantedTs: a.grantedTs })),
    runCount: counts.get(tokenNamespace(d.token)) ?? 0,
    events: d.events.map((e) => ({
      id: e.id, kind: e.kind, actor: e.actor, message: e.message, ts: e.ts,
      namespace: e.token ? tokenNamespace(e.token) : null,
    })),
  }));
}
