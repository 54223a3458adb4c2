import "server-only";
// One run as the run page shows it, only when it is in the namespace in
// effect: outside it, a not_in_namespace error names the namespaces it is in.
import type { Db } from "../db";
import { notFound, UserError } from "../errors";
import { formatPathspec } from "../domain/pathspec";
import { isInNamespace, namespacesOfRun, notInNamespaceMessage, type Namespace } from "../domain/namespace";
import { getRun, resumedFrom, type RunSummary } from "./runs-read";
import { stepsOfRun, type StepRow } from "./steps-read";

export type RunDetail = {
  run: RunSummary;
  /** The run this one was resumed from, when it still exists. */
  origin: RunSummary | null;
  /** Runs resumed from this one. */
  resumed: RunSummary[];
  steps: StepRow[];
};

/** The run, or a not_found / not_in_namespace UserError; `lookup` is its read when one has started already. */
export async function runInNamespace(
  db: Db, ns: Namespace, flow: string, run: string, now = Date.now(), lookup: Promise<RunSummary | null> = getRun(db, flow, run, now),
): Promise<RunSummary> {
  const found = await lookup;
  if (!found) throw notFound(`Run ${formatPathspec({ flow, run })} does not exist.`);
  if (!isInNamespace(ns, found)) {
    throw new UserError("not_in_namespace", notInNamespaceMessage(found.pathspec, ns), {
      pathspec: found.pathspec,
      namespaces: namespacesOfRun(found),
    });
  }
  return found;
}

export async function getRunDetail(db: Db, ns: Namespace, flow: string, run: string, now = Date.now()): Promise<RunDetail> {
  const found = await runInNamespace(db, ns, flow, run, now);
  return detailOfRun(db, found, stepsOfRun(db, found, now), now);
}

/** The detail of a run already found; `steps` may be a read other reads of the same page share. */
export async function detailOfRun(db: Db, found: RunSummary, steps: Promise<StepRow[]>, now = Date.now()): Promise<RunDetail> {
  const [origin, resumed, stepRows] = await Promise.all([
    found.originRunId ? getRun(db, found.flow, found.originRunId, now) : null,
    resumedFrom(db, found),
    steps,
  ]);
  return { run: found, origin, resumed, steps: stepRows };
}
