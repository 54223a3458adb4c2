import "server-only";
// Reads for the production screen and API: deployments, who may deploy, every
// namespace each has had with its run count, and its audit history.
import type { Db } from "../db";
import { tokenNamespace } from "../domain/tokens";
import { readAuditPage, type AuditEntry } from "./audit-read";

export const PRODUCTION_KINDS = ["deploy", "authorize", "refuse", "rotate", "grant", "revoke", "retire"] as const;

export type NamespaceUse = { namespace: string; runCount: number; createdTs: number; createdBy: string; replacedTs: number | null };

export type DeploymentView = {
  flow: string;
  token: string;
  namespace: string;
  deployedBy: string;
  createdTs: number;
  updatedTs: number;
  version: number;
  retiredTs: number | null;
  authorized: { userName: string; grantedTs: number }[];
  runCount: number;
  /** Earlier tokens' namespaces, newest first. */
  previous: NamespaceUse[];
  events: AuditEntry[];
};

export async function listDeployments(db: Db, { flow, eventsPerDeployment = 50 }: { flow?: string; eventsPerDeployment?: number } = {}): Promise<DeploymentView[]> {
  const deployments = await db.deployment.findMany({
    where: flow === undefined ? undefined : { flow: { name: flow } },
    orderBy: { updatedTs: "desc" },
    include: {
      flow: { select: { name: true } },
      authorized: { orderBy: { grantedTs: "asc" } },
      tokens: { orderBy: { id: "desc" } },
    },
  });
  const namespaces = deployments.flatMap((d) => d.tokens.map((t) => tokenNamespace(t.token)));
  const stats = namespaces.length ? await db.tagStat.findMany({ where: { tag: { in: namespaces } } }) : [];
  const counts = new Map(stats.map((s) => [s.tag, s.runCount]));
  const histories = await Promise.all(deployments.map((d) => (eventsPerDeployment ? deploymentHistory(db, d.flow.name, eventsPerDeployment) : [])));
  return deployments.map((d, i) => ({
    flow: d.flow.name,
    token: d.token,
    namespace: tokenNamespace(d.token),
    deployedBy: d.deployedBy,
    createdTs: d.createdTs,
    updatedTs: d.updatedTs,
    version: d.version,
    retiredTs: d.retiredTs,
    authorized: d.retiredTs === null ? d.authorized.map((a) => ({ userName: a.userName, grantedTs: a.grantedTs })) : [],
    runCount: counts.get(tokenNamespace(d.token)) ?? 0,
    previous: d.tokens.filter((t) => t.token !== d.token || d.retiredTs !== null).map((t) => ({
      namespace: tokenNamespace(t.token), runCount: counts.get(tokenNamespace(t.token)) ?? 0,
      createdTs: t.createdTs, createdBy: t.createdBy, replacedTs: t.replacedTs,
    })),
    events: histories[i],
  }));
}

export async function getDeployment(db: Db, flow: string): Promise<DeploymentView | null> {
  return (await listDeployments(db, { flow }))[0] ?? null;
}

/** The production events of one flow, newest first. */
export async function deploymentHistory(db: Db, flow: string, limit = 50): Promise<AuditEntry[]> {
  return (await readAuditPage(db, { subject: flow, kinds: [...PRODUCTION_KINDS], limit })).events;
}
