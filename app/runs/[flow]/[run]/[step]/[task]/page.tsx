import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isUserError } from "@/lib/errors";
import { runForPage } from "@/lib/page-run";
import { getTaskDetail, listTaskArtifacts, taskCards, type TaskDetail } from "@/lib/data/task-detail-read";
import { PageRunProblem } from "@/components/detail/page-run-problem";
import { DetailBreadcrumb } from "@/components/detail/breadcrumb";
import { CurrentPanel } from "@/components/detail/current-panel";
import { AttemptsTable, MetadataTable } from "@/components/detail/task-tables";
import { ArtifactsPanel } from "@/components/detail/artifacts-panel";
import { LogViewer } from "@/components/detail/log-viewer";
import { CardsPanel } from "@/components/detail/cards-panel";
import { RunLive } from "@/components/detail/run-live";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDuration, formatTime } from "@/components/ui/format";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ flow: string; run: string; step: string; task: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { flow, run, step, task } = await params;
  return { title: `${flow}/${run}/${step}/${task}` };
}

export default async function TaskPage({ params, searchParams }: Props) {
  const { flow, run, step, task } = await params;
  const query = await searchParams;
  const result = await runForPage({ flow, run, step, task }, query);
  if (!result.ok) return <PageRunProblem result={result} flow={flow} run={run} />;
  const { db, ns, run: summary, now } = result;
  let detail: TaskDetail;
  try {
    detail = await getTaskDetail(db, summary, step, task, now);
  } catch (e) {
    if (isUserError(e) && e.code === "not_found") notFound();
    throw e;
  }
  const [artifacts, cards] = await Promise.all([listTaskArtifacts(db, summary, step, task), taskCards(db, summary, step, task)]);
  const spec = { flow: summary.flow, run: summary.key, step, task: detail.key };
  const running = detail.status === "running";
  const end = detail.finishedTs ?? (running ? now : null);
  return (
    <div className="space-y-6">
      <DetailBreadcrumb flow={summary.flow} run={summary.key} step={step} task={detail.key} namespace={ns.name} />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-semibold tracking-tight break-all">{detail.pathspec}</h1>
        <StatusBadge status={detail.status} />
        <span className="text-sm text-zinc-600 dark:text-zinc-400">
          started {formatTime(detail.createdTs)} · {formatDuration(end !== null ? end - detail.createdTs : null)}
          {running ? " so far" : ""}
        </span>
        {running ? <RunLive namespace={ns.name} flow={summary.flow} run={summary.key} runDbId={summary.dbId} step={step} task={detail.key} /> : null}
      </div>
      {!detail.datastore.readable ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950/30">{detail.datastore.reason}</p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <CurrentPanel current={detail.current} />
        <AttemptsTable attempts={detail.attempts} />
      </div>
      <LogViewer
        spec={spec}
        namespace={ns.name}
        attempts={detail.attempts.map((a) => a.attempt)}
        initialStream={query.stream === "stderr" ? "stderr" : "stdout"}
        running={running}
      />
      <ArtifactsPanel spec={spec} namespace={ns.name} attempt={artifacts.attempt} artifacts={artifacts.artifacts} datastore={artifacts.datastore} />
      <CardsPanel spec={spec} namespace={ns.name} cards={cards.cards} reason={cards.where.readable ? null : cards.where.reason} />
      <MetadataTable metadata={detail.metadata} />
    </div>
  );
}
