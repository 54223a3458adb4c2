import Link from "next/link";
import type { RunDetail } from "@/lib/data/run-detail-read";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatAgo, formatDuration, formatTime } from "@/components/ui/format";
import { runHref } from "@/components/ui/links";

function When({ ts, now }: { ts: number; now: number }) {
  return (
    <>
      <time dateTime={new Date(ts).toISOString()}>{formatTime(ts)}</time>
      <span className="text-zinc-500 dark:text-zinc-400"> ({formatAgo(ts, now)})</span>
    </>
  );
}

const dt = "text-zinc-500 dark:text-zinc-400";
const link = "font-mono text-sky-700 hover:underline dark:text-sky-300";

export function RunSummaryPanel({ detail, namespace, now }: { detail: RunDetail; namespace: string; now: number }) {
  const { run, origin, resumed } = detail;
  return (
    <section aria-labelledby="run-summary" className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 id="run-summary" className="sr-only">
        Summary
      </h2>
      <dl className="grid gap-x-6 gap-y-2.5 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className={dt}>Pathspec</dt>
        <dd>
          <code className="rounded bg-zinc-100 px-1.5 py-0.5 dark:bg-zinc-800">{run.pathspec}</code>
        </dd>
        <dt className={dt}>Status</dt>
        <dd>
          <StatusBadge status={run.status} />
        </dd>
        <dt className={dt}>User</dt>
        <dd>{run.userName}</dd>
        <dt className={dt}>Started</dt>
        <dd>
          <When ts={run.createdTs} now={now} />
        </dd>
        <dt className={dt}>Ended</dt>
        <dd>{run.finishedTs !== null ? <When ts={run.finishedTs} now={now} /> : run.status === "running" ? "still running" : "never: no end step finished"}</dd>
        <dt className={dt}>Duration</dt>
        <dd>
          {formatDuration(run.durationMs)}
          {run.status === "running" ? <span className="text-zinc-500 dark:text-zinc-400"> so far</span> : null}
        </dd>
        {run.originRunId ? (
          <>
            <dt className={dt}>Resumed from</dt>
            <dd>
              {origin ? (
                <Link href={runHref(run.flow, origin.key, namespace)} className={link}>
                  {origin.pathspec}
                </Link>
              ) : (
                <span className="font-mono">
                  {run.flow}/{run.originRunId}
                </span>
              )}
              {origin ? (
                <span className="text-zinc-500 dark:text-zinc-400"> by {origin.userName}</span>
              ) : (
                <span className="text-zinc-500"> (not recorded here)</span>
              )}
            </dd>
          </>
        ) : null}
        {resumed.length ? (
          <>
            <dt className={dt}>Resumed as</dt>
            <dd>
              <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label="Runs resumed from this one">
                {resumed.map((r) => (
                  <li key={r.key}>
                    <Link href={runHref(r.flow, r.key, namespace)} className={link}>
                      {r.pathspec}
                    </Link>
                    <span className="text-zinc-500 dark:text-zinc-400"> by {r.userName}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
