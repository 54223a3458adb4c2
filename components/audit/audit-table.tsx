// The Audit page's list: when, who, from where, which run, what changed.
import Link from "next/link";
import type { AuditEntry } from "@/lib/data/audit-read";
import { GLOBAL } from "@/lib/domain/namespace";
import { formatTime } from "@/components/ui/format";
import { runHref } from "@/components/ui/links";
import { AuditEntryText, sourceLabel } from "./audit-entry";

const TH = "px-3 py-2 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400";
const TD = "px-3 py-2.5 align-top";

export function AuditTable({ events }: { events: AuditEntry[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Tag changes and production events, newest first</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50/80 dark:border-zinc-800 dark:bg-zinc-900/60">
          <tr>
            <th scope="col" className={TH}>
              When
            </th>
            <th scope="col" className={TH}>
              Run or flow
            </th>
            <th scope="col" className={TH}>
              Change
            </th>
            <th scope="col" className={TH}>
              From
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/80">
          {events.map((e) => {
            const [flow, run] = e.subject.split("/");
            return (
              <tr key={e.id}>
                <td className={`${TD} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>
                  <time dateTime={new Date(e.ts).toISOString()}>{formatTime(e.ts)}</time>
                </td>
                <td className={`${TD} whitespace-nowrap`}>
                  {run ? (
                    <Link href={runHref(flow, run, GLOBAL)} className="font-mono text-sky-700 hover:underline dark:text-sky-300">
                      {e.subject}
                    </Link>
                  ) : (
                    <Link href={`/audit?flow=${encodeURIComponent(flow)}`} className="font-mono text-sky-700 hover:underline dark:text-sky-300">
                      {e.subject}
                    </Link>
                  )}
                </td>
                <td className={TD}>
                  <AuditEntryText entry={e} brief />
                </td>
                <td className={`${TD} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>{sourceLabel(e.source)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
