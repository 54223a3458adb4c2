// A deployment's audit history: every deploy, authorization, refusal,
// rotation, grant, revocation and retirement, newest first.
import type { AuditEntry } from "@/lib/data/audit-read";
import { sourceLabel } from "@/components/audit/audit-entry";
import { formatTime } from "@/components/production/format-time";

export const PRODUCTION_EVENT_LABEL: Record<string, string> = {
  deploy: "Deployed",
  authorize: "Authorized",
  refuse: "Refused",
  rotate: "New token",
  grant: "Granted",
  revoke: "Revoked",
  retire: "Retired",
};

const STYLE: Record<string, string> = {
  deploy: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-200",
  authorize: "bg-sky-100 text-sky-800 dark:bg-sky-900/40 dark:text-sky-200",
  grant: "bg-sky-100 text-sky-800 dark:bg-sky-900/40 dark:text-sky-200",
  refuse: "bg-rose-100 text-rose-800 dark:bg-rose-900/40 dark:text-rose-200",
  revoke: "bg-rose-100 text-rose-800 dark:bg-rose-900/40 dark:text-rose-200",
  rotate: "bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-200",
  retire: "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
};

export function eventMessage(e: AuditEntry): string {
  const m = e.detail?.message;
  return typeof m === "string" ? m : "";
}

export function ProductionHistory({ flow, events }: { flow: string; events: AuditEntry[] }) {
  return (
    <>
      <h3 className="mt-4 text-sm font-medium">History</h3>
      <ol className="mt-2 space-y-1.5 text-sm" aria-label={`History of ${flow}`}>
        {events.map((e) => (
          <li key={e.id} className="flex flex-wrap items-baseline gap-x-2">
            <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STYLE[e.kind] ?? ""}`}>{PRODUCTION_EVENT_LABEL[e.kind] ?? e.kind}</span>
            <time className="text-zinc-500" dateTime={new Date(e.ts).toISOString()}>
              {formatTime(e.ts)}
            </time>
            <span className="font-medium">{e.actor}</span>
            <span className="text-zinc-700 dark:text-zinc-300">{eventMessage(e)}</span>
            <span className="text-xs text-zinc-500">via {sourceLabel(e.source)}</span>
          </li>
        ))}
      </ol>
    </>
  );
}
