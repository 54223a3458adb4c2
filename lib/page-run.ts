import "server-only";
// The run a run, step or task page is about: the namespace in effect (from
// the URL or remembered), a real 404 for a run that does not exist, and "not
// in namespace" for one outside it.
import { notFound } from "next/navigation";
import type { Db } from "./db";
import { getDb } from "./db";
import { isUserError } from "./errors";
import { parsePathspec } from "./domain/pathspec";
import { runInNamespace } from "./data/run-detail-read";
import { getRun, type RunSummary } from "./data/runs-read";
import { namespaceForPage, type NamespaceContext } from "./namespace-in-effect";

export type PageRun =
  | { ok: true; db: Db; ns: NamespaceContext; run: RunSummary; now: number }
  | { ok: false; problem: "namespace" | "pathspec"; message: string }
  | { ok: false; problem: "not_in_namespace"; message: string; namespaces: string[]; ns: NamespaceContext };

export async function runForPage(
  path: { flow: string; run: string; step?: string; task?: string },
  searchParams: Record<string, string | string[] | undefined>,
): Promise<PageRun> {
  const db = await getDb();
  const pathspec = pathspecProblem(path);
  const now = Date.now();
  // The run is read while the namespace in effect is: on PostgreSQL each read of a chain costs a round trip.
  const lookup = pathspec === null ? getRun(db, path.flow, path.run, now) : null;
  lookup?.catch(() => {}); // awaited below, unless the page shows a problem first
  const ns = await namespaceForPage(db, searchParams);
  if ("error" in ns) return { ok: false, problem: "namespace", message: ns.error };
  if (pathspec !== null) return { ok: false, problem: "pathspec", message: pathspec };
  try {
    return { ok: true, db, ns, run: await runInNamespace(db, ns.namespace, path.flow, path.run, now, lookup!), now };
  } catch (e) {
    if (isUserError(e) && e.code === "not_found") notFound();
    if (isUserError(e) && e.code === "not_in_namespace") {
      return { ok: false, problem: "not_in_namespace", message: e.message, namespaces: (e.details?.namespaces as string[] | undefined) ?? [], ns };
    }
    throw e;
  }
}

/** Why the path is not a pathspec, or null. */
function pathspecProblem(path: { flow: string; run: string; step?: string; task?: string }): string | null {
  try {
    parsePathspec([path.flow, path.run, path.step, path.task].filter((x) => x !== undefined).join("/"));
    return null;
  } catch (e) {
    if (isUserError(e)) return e.message;
    throw e;
  }
}
