"use client";
// The runs list: newest first, one row per run.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import type { RunSummary } from "@/lib/data/runs-read";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatAgo, formatDuration, formatTime } from "@/components/ui/format";
import { runHref } from "@/components/ui/links";
import { hrefOf, withValue } from "./filter-url";
import { RunTags } from "./run-tags";

const TH = "px-3 py-2 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400";
const TD = "px-3 py-2.5 align-top";

export function RunsTable({ runs, namespace, now, caption }: { runs: RunSummary[]; namespace: string; now: number; caption: string }) {
  const params = useSearchParams();
  const pathname = usePathname() ?? "/";
  const filterHref = (key: string, value: string) => hrefOf(pathname, withValue(params, key, value));
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50/80 dark:border-zinc-800 dark:bg-zinc-900/60">
          <tr>
            <th scope="col" className={TH}>Flow</th>
            <th scope="col" className={TH}>Run</th>
            <th scope="col" className={TH}>User</th>
            <th scope="col" className={TH}>Status</th>
            <th scope="col" className={TH}>Started</th>
            <th scope="col" className={`${TH} text-right`}>Duration</th>
            <th scope="col" className={TH}>Tags</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/80">
          {runs.map((r) => {
            const duration = r.status === "running" ? Math.max(0, now - r.createdTs) : r.durationMs;
            return (
              <tr key={r.dbId} data-run={r.pathspec} className="hover:bg-zinc-50/70 dark:hover:bg-zinc-900/50">
                <td className={`${TD} whitespace-nowrap`}>
                  <Link href={filterHref("flow", r.flow)} scroll={false} title={`Show only ${r.flow} runs`}
                    className="text-zinc-700 hover:text-sky-700 hover:underline dark:text-zinc-300 dark:hover:text-sky-300">
                    {r.flow}
                  </Link>
                </td>
                <td className={`${TD} whitespace-nowrap`}>
                  <Link href={runHref(r.flow, r.key, namespace)} aria-label={r.pathspec}
                    className="font-mono font-semibold text-sky-700 hover:underline dark:text-sky-300">
                    {r.key}
                  </Link>
                  {r.originRunId ? (
                    <span className="ml-2 text-xs text-zinc-500 dark:text-zinc-400">resumed from {r.originRunId}</span>
                  ) : null}
                </td>
                <td className={`${TD} whitespace-nowrap`}>
                  <Link href={filterHref("user", r.userName)} scroll={false} title={`Show only runs by ${r.userName}`}
                    className="text-zinc-700 hover:text-sky-700 hover:underline dark:text-zinc-300 dark:hover:text-sky-300">
                    {r.userName}
                  </Link>
                </td>
                <td className={TD}><StatusBadge status={r.status} /></td>
                <td className={`${TD} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>
                  <time dateTime={new Date(r.createdTs).toISOString()} title={formatTime(r.createdTs)}>
                    {formatAgo(r.createdTs, now)}
                  </time>
                </td>
                <td className={`${TD} text-right whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400`}>
                  {formatDuration(duration)}
                </td>
                <td className={TD}><div className="min-w-72"><RunTags tags={r.tags} systemTags={r.systemTags} /></div></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
