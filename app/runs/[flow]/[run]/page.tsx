import type { Metadata } from "next";
import Link from "next/link";
import { namespaceLabel } from "@/lib/domain/namespace";
import { detailOfRun } from "@/lib/data/run-detail-read";
import { runForPage } from "@/lib/page-run";
import { PageRunProblem } from "@/components/detail/page-run-problem";
import { stepsOfRun } from "@/lib/data/steps-read";
import { RunSummaryPanel } from "@/components/run/run-summary";
import { StepsList } from "@/components/run/steps-list";
import { OpenHashTarget } from "@/components/run/open-hash-target";
import { RunTagEditor } from "@/components/run/run-tag-editor";
import { TagHistory } from "@/components/run/tag-history";
import { tagHistoryOfRun } from "@/lib/data/audit-read";
import { StatusBadge } from "@/components/ui/status-badge";
import { withNamespace } from "@/components/ui/links";
import { runExplain } from "@/lib/data/run-explain-read";
import { isInternalStep } from "@/lib/domain/dag";
import { FailurePanel } from "@/components/detail/failure-panel";
import { ParametersPanel } from "@/components/detail/parameters-panel";
import { RunDag } from "@/components/detail/run-dag";
import { RunTimeline } from "@/components/detail/run-timeline";
import { TasksTable } from "@/components/detail/tasks-table";
import { RunLive } from "@/components/detail/run-live";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ flow: string; run: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { flow, run } = await params;
  return { title: `${flow}/${run}` };
}

export default async function RunPage({ params, searchParams }: Props) {
  const { flow, run } = await params;
  const result = await runForPage({ flow, run }, await searchParams);
  if (!result.ok) return <PageRunProblem result={result} flow={flow} run={run} what="run" />;
  const { db, ns, run: found, now } = result;
  // Every read of the page starts now, together: the steps are read once for all that need them.
  const stepsRead = stepsOfRun(db, found, now);
  const [detail, history, explain] = await Promise.all([
    detailOfRun(db, found, stepsRead, now),
    tagHistoryOfRun(db, found.dbId),
    runExplain(db, found, stepsRead, now),
  ]);
  const { run: summary, steps } = detail;
  const running = summary.status === "running";
  const stepNames = steps.map((s) => s.name).filter((s) => !isInternalStep(s));
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-600 dark:text-zinc-400">
        <ol className="flex flex-wrap items-center gap-1.5">
          <li>
            <Link href={withNamespace("/flows", ns.name)} className="hover:underline">
              Flows
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li>
            <Link href={`${withNamespace("/", ns.name)}&flow=${encodeURIComponent(flow)}`} className="font-mono hover:underline">
              {summary.flow}
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li aria-current="page" className="font-mono text-zinc-900 dark:text-zinc-100">
            {summary.key}
          </li>
        </ol>
      </nav>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-semibold tracking-tight break-all">{summary.pathspec}</h1>
        <StatusBadge status={summary.status} />
        <span className="text-sm text-zinc-600 dark:text-zinc-400">
          in namespace <span className="font-mono">{namespaceLabel(ns.namespace)}</span>
        </span>
        {running ? <RunLive namespace={ns.name} flow={summary.flow} run={summary.key} runDbId={summary.dbId} /> : null}
      </div>
      <FailurePanel failure={explain.failure} flow={summary.flow} run={summary.key} namespace={ns.name} />
      <div className="grid gap-6 lg:grid-cols-2">
        <RunSummaryPanel detail={detail} namespace={ns.name} now={now} />
        <ParametersPanel parameters={explain.parameters} />
      </div>
      <section aria-labelledby="dag-heading" className="space-y-3">
        <h2 id="dag-heading" className="text-lg font-semibold">
          DAG
        </h2>
        <RunDag flow={summary.flow} run={summary.key} namespace={ns.name} initial={explain.dag} running={running} />
      </section>
      <section aria-labelledby="timeline-heading" className="space-y-3">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          Timeline
        </h2>
        <RunTimeline flow={summary.flow} run={summary.key} namespace={ns.name} running={running} />
      </section>
      <section aria-labelledby="tasks-heading" className="space-y-3">
        <h2 id="tasks-heading" className="text-lg font-semibold">
          Tasks
        </h2>
        <TasksTable flow={summary.flow} run={summary.key} namespace={ns.name} steps={stepNames} running={running} />
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="tags-heading" className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <h2 id="tags-heading" className="text-lg font-semibold">
            Tags
          </h2>
          <RunTagEditor
            flow={summary.flow}
            run={summary.key}
            runDbId={summary.dbId}
            namespace={ns.name}
            initial={{ tags: summary.tags, systemTags: summary.systemTags }}
          />
        </section>
        <section aria-labelledby="tag-history-heading" className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <h2 id="tag-history-heading" className="text-lg font-semibold">
            Tag history
          </h2>
          <TagHistory flow={summary.flow} run={summary.key} initial={history} />
        </section>
      </div>
      <section aria-labelledby="steps-heading" className="space-y-3">
        <h2 id="steps-heading" className="text-lg font-semibold">
          Steps <span className="text-sm font-normal text-zinc-500 dark:text-zinc-400">({steps.length})</span>
        </h2>
        <StepsList run={summary} steps={steps} />
        <OpenHashTarget />
      </section>
    </div>
  );
}
