import "server-only";
// The run a step or task page is about, as the run page finds it: the
// namespace in effect (from the URL or remembered), a real 404 for a run
// that does not exist, and "not in namespace" for one outside it.
import { notFound } from "next/navigation";
import type { Db } from "./db";
import { getDb } from "./db";
import { isUserError } from "./errors";
import { parsePathspec } from "./domain/pathspec";
import { runInNamespace } from "./data/run-detail-read";
import type { RunSummary } from "./data/runs-read";
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
  const ns = await namespaceForPage(db, searchParams);
  if ("error" in ns) return { ok: false, problem: "namespace", message: ns.error };
  try {
    parsePathspec([path.flow, path.run, path.step, path.task].filter((x) => x !== undefined).join("/"));
  } catch (e) {
    if (isUserError(e)) return { ok: false, problem: "pathspec", message: e.message };
    throw e;
  }
  const now = Date.now();
  try {
    return { ok: true, db, ns, run: await runInNamespace(db, ns.namespace, path.flow, path.run, now), now };
  } catch (e) {
    if (isUserError(e) && e.code === "not_found") notFound();
    if (isUserError(e) && e.code === "not_in_namespace") {
      return { ok: false, problem: "not_in_namespace", message: e.message, namespaces: (e.details?.namespaces as string[] | undefined) ?? [], ns };
    }
    throw e;
  }
}
