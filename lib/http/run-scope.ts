import "server-only";
// The run (or task) a dashboard route is about, in the namespace in effect:
// a malformed pathspec is a 400, an unknown run a 404, a run outside the
// namespace a 404 not_in_namespace naming the namespaces it is in.
import { getDb, type Db } from "../db";
import { badRequest } from "../errors";
import { formatPathspec, parsePathspec } from "../domain/pathspec";
import { runInNamespace } from "../data/run-detail-read";
import type { RunSummary } from "../data/runs-read";
import { namespaceForRequest } from "../namespace-in-effect";

export type RunScope = { db: Db; run: RunSummary; namespace: string; step?: string; task?: string; query: URLSearchParams };

export async function runScope(request: Request, p: { flow: string; run: string; step?: string; task?: string }): Promise<RunScope> {
  const spec = parsePathspec(formatPathspec(p));
  if (!spec.run) throw badRequest(`"${formatPathspec(p)}" is not a run pathspec such as HelloFlow/546.`);
  if (p.task !== undefined && !spec.task) throw badRequest(`"${formatPathspec(p)}" is not a task pathspec such as HelloFlow/546/start/1139.`);
  const query = new URL(request.url).searchParams;
  const db = await getDb();
  const { namespace, name } = await namespaceForRequest(db, query.get("namespace"));
  const run = await runInNamespace(db, namespace, spec.flow, spec.run);
  return { db, run, namespace: name, step: spec.step, task: spec.task, query };
}

export const queryObject = (q: URLSearchParams) => Object.fromEntries(q);
