import Link from "next/link";
import type { FlowSummary } from "@/lib/data/flows-read";
import { StatusBadge, StatusMark } from "@/components/ui/status-badge";
import { formatAgo, formatDuration, formatTime } from "@/components/ui/format";
import { runHref, withNamespace } from "@/components/ui/links";

export function FlowCard({ flow, namespace, now }: { flow: FlowSummary; namespace: string; now: number }) {
  const latest = flow.latestRun;
  const id = `flow-${flow.name}`;
  return (
    <section aria-labelledby={id} className="flex w-full flex-col rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 id={id} className="font-mono text-base font-semibold break-all">
        <Link href={`${withNamespace("/", namespace)}&flow=${encodeURIComponent(flow.name)}`} title={`Runs of ${flow.name}`} className="hover:underline">
          {flow.name}
        </Link>
      </h2>
      {latest ? (
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
          <dt className="text-zinc-500 dark:text-zinc-400">Latest run</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <Link href={runHref(flow.name, latest.key, namespace)} className="font-mono font-medium text-sky-700 hover:underline dark:text-sky-300">
              {latest.pathspec}
            </Link>
            <StatusBadge status={latest.status} />
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">By</dt>
          <dd>{latest.userName}</dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Started</dt>
          <dd>
            <time dateTime={new Date(latest.createdTs).toISOString()} title={formatTime(latest.createdTs)}>
              {formatAgo(latest.createdTs, now)}
            </time>
            <span className="text-zinc-500 dark:text-zinc-400"> · {formatDuration(latest.durationMs)}</span>
          </dd>
        </dl>
      ) : null}
      <div className="mt-auto pt-5">
        <h3 className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
          Last {flow.history.length} {flow.history.length === 1 ? "run" : "runs"}, newest first
        </h3>
        <ol className="mt-1.5 flex flex-wrap items-center gap-0.5" aria-label={`Status history of ${flow.name}`}>
          {flow.history.map((h) => (
            <li key={h.key}>
              <StatusMark status={h.status} label={h.pathspec} href={runHref(flow.name, h.key, namespace)} />
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
