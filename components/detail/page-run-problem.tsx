import type { PageRun } from "@/lib/page-run";
import { NotInNamespace } from "@/components/run/not-in-namespace";
import { PageProblem } from "@/components/ui/page-problem";

/** What a run, step or task page shows instead of itself when its run cannot be shown; `what` the page is of. */
export function PageRunProblem({ result, flow, run, what = "pathspec" }: { result: Exclude<PageRun, { ok: true }>; flow: string; run: string; what?: string }) {
  if (result.problem !== "not_in_namespace") {
    return result.problem === "namespace" ? (
      <PageProblem title="That namespace cannot be used" message={result.message} />
    ) : (
      <PageProblem title={`That is not a ${what}`} message={result.message} next={{ href: "/flows", label: "See the flows" }} />
    );
  }
  return <NotInNamespace flow={flow} run={run} message={result.message} namespaces={result.namespaces} current={result.ns.name} />;
}
