// Run and task status shown the same way everywhere: a colored badge that
// always carries its word, and a small mark for status histories.
import Link from "next/link";
import type { RunStatus } from "@/lib/domain/status";

const BADGE: Record<RunStatus, string> = {
  completed: "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-900/30 dark:text-emerald-200 dark:ring-emerald-400/30",
  failed: "bg-rose-50 text-rose-800 ring-rose-600/20 dark:bg-rose-900/30 dark:text-rose-200 dark:ring-rose-400/30",
  running: "bg-sky-50 text-sky-800 ring-sky-600/20 dark:bg-sky-900/30 dark:text-sky-200 dark:ring-sky-400/30",
};

const DOT: Record<RunStatus, string> = {
  completed: "bg-emerald-500",
  failed: "bg-rose-500",
  running: "bg-sky-500 animate-pulse",
};

const LABEL: Record<RunStatus, string> = { completed: "Completed", failed: "Failed", running: "Running" };

export function statusLabel(status: RunStatus): string {
  return LABEL[status];
}

export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${BADGE[status]}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${DOT[status]}`} />
      {LABEL[status]}
    </span>
  );
}

/** A small square for a status history; `label` names the run for screen readers and the tooltip. */
export function StatusMark({ status, label, href }: { status: RunStatus; label: string; href?: string }) {
  const text = `${label}: ${LABEL[status].toLowerCase()}`;
  const mark = <span aria-hidden="true" className={`block size-3.5 rounded-sm ${DOT[status]}`} />;
  const className = "block rounded-sm p-0.5 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-zinc-800";
  return href ? (
    <Link href={href} title={text} aria-label={text} className={className}>
      {mark}
    </Link>
  ) : (
    <span title={text} className={className}>
      {mark}
      <span className="sr-only">{text}</span>
    </span>
  );
}
