import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { runForPage } from "@/lib/page-run";
import { stepsOfRun } from "@/lib/data/steps-read";
import { PageRunProblem } from "@/components/detail/page-run-problem";
import { DetailBreadcrumb } from "@/components/detail/breadcrumb";
import { TasksTable } from "@/components/detail/tasks-table";
import { RunLive } from "@/components/detail/run-live";
import { StatusBadge } from "@/components/ui/status-badge";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ flow: string; run: string; step: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { flow, run, step } = await params;
  return { title: `${flow}/${run}/${step}` };
}

export default async function StepPage({ params, searchParams }: Props) {
  const { flow, run, step } = await params;
  const result = await runForPage({ flow, run, step }, await searchParams);
  if (!result.ok) return <PageRunProblem result={result} flow={flow} run={run} />;
  const { db, ns, run: summary, now } = result;
  const found = (await stepsOfRun(db, summary, now)).find((s) => s.name === step);
  if (!found) notFound();
  const parts = (["completed", "failed", "running"] as const).filter((s) => found.counts[s]).map((s) => `${found.counts[s].toLocaleString("en-US")} ${s}`);
  const running = summary.status === "running";
  return (
    <div className="space-y-6">
      <DetailBreadcrumb flow={summary.flow} run={summary.key} step={step} namespace={ns.name} />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-semibold tracking-tight break-all">
          {summary.pathspec}/{step}
        </h1>
        <StatusBadge status={found.status} />
        <span className="text-sm text-zinc-600 dark:text-zinc-400">
          {found.taskCount.toLocaleString("en-US")} {found.taskCount === 1 ? "task" : "tasks"}
          {parts.length ? `: ${parts.join(", ")}` : ""}
        </span>
        {running ? <RunLive namespace={ns.name} flow={summary.flow} run={summary.key} runDbId={summary.dbId} step={step} /> : null}
      </div>
      <section aria-labelledby="step-tasks" className="space-y-3">
        <h2 id="step-tasks" className="text-lg font-semibold">
          Tasks
        </h2>
        <TasksTable flow={summary.flow} run={summary.key} namespace={ns.name} steps={[step]} fixedStep={step} running={running} />
      </section>
    </div>
  );
}
