"use client";
// The runs list, one row per run, in the order the server read it; the
// headers of the sortable columns change that order.
import Link from "next/link";
import { Fragment } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import type { RunSummary } from "@/lib/data/runs-read";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatAgo, formatDuration, formatTime } from "@/components/ui/format";
import { runHref } from "@/components/ui/links";
import { hrefOf, withValue } from "./filter-url";
import { RunTags } from "./run-tags";
import { SortHeader } from "./sort-header";
import { RUN_COLUMNS, type RunColumn } from "@/lib/domain/run-columns";

const TH = "px-3 py-2 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400";
// On a phone each row is a card: its cells flow and wrap instead of the table scrolling sideways.
const TD = "px-3 py-2.5 align-top max-sm:p-0";

/** Row selection for bulk edits; shift-click selects the range from the last row clicked. */
export type RowSelection = {
  isSelected: (run: RunSummary) => boolean;
  toggle: (index: number, range: boolean) => void;
  /** "all" when every loaded row is selected, "some", or "none". */
  loaded: "all" | "some" | "none";
  toggleLoaded: () => void;
};

export function RunsTable({
  runs,
  namespace,
  now,
  caption,
  selection,
  group,
  columns = RUN_COLUMNS,
  sortable = false,
}: {
  runs: RunSummary[];
  namespace: string;
  now: number;
  caption: string;
  selection?: RowSelection;
  group?: "flow" | "user" | null;
  /** The optional columns shown. */
  columns?: readonly RunColumn[];
  /** Headers sort the list (the runs page). */
  sortable?: boolean;
}) {
  const shows = (c: RunColumn) => columns.includes(c);
  const header = (c: RunColumn, label: string, key: "start" | "duration" | "status" | "flow" | "user" | null, extra = "") =>
    !shows(c) ? null : sortable && key ? (
      <SortHeader key={c} column={key} label={label} className={`${TH} ${extra}`} />
    ) : (
      <th key={c} scope="col" className={`${TH} ${extra}`}>
        {label}
      </th>
    );
  const keyOf = (r: RunSummary) => (group === "flow" ? r.flow : group === "user" ? r.userName : "");
  const counts = new Map<string, number>();
  if (group) for (const r of runs) counts.set(keyOf(r), (counts.get(keyOf(r)) ?? 0) + 1);
  const params = useSearchParams();
  const pathname = usePathname() ?? "/";
  const filterHref = (key: string, value: string) => hrefOf(pathname, withValue(params, key, value));
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 max-sm:overflow-visible max-sm:border-0 lg:overflow-visible dark:border-zinc-800">
      <table className="min-w-full text-sm max-sm:block">
        <caption className="sr-only">{caption}</caption>
        {/* Sticky where the table does not scroll sideways (the page scrolls it then). */}
        <thead className="sticky top-0 z-10 border-b border-zinc-200 bg-zinc-50 max-sm:hidden dark:border-zinc-800 dark:bg-zinc-900">
          <tr>
            {selection ? (
              <th scope="col" className={`${TH} w-8`}>
                <input
                  type="checkbox"
                  aria-label="Select all loaded runs"
                  checked={selection.loaded === "all"}
                  ref={(el) => {
                    if (el) el.indeterminate = selection.loaded === "some";
                  }}
                  onChange={selection.toggleLoaded}
                  className="size-4 accent-sky-700"
                />
              </th>
            ) : null}
            {header("flow", "Flow", "flow")}
            <th scope="col" className={TH}>
              Run
            </th>
            {header("user", "User", "user")}
            {header("status", "Status", "status")}
            {header("started", "Started", "start")}
            {header("duration", "Duration", "duration", "text-right")}
            {header("tags", "Tags", null)}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 max-sm:block max-sm:space-y-3 max-sm:divide-y-0 dark:divide-zinc-800/80">
          {runs.map((r, index) => {
            const duration = r.status === "running" ? Math.max(0, now - r.createdTs) : r.durationMs;
            const selected = selection?.isSelected(r) ?? false;
            const startsGroup = !!group && (index === 0 || keyOf(runs[index - 1]) !== keyOf(r));
            return (
              <Fragment key={r.dbId}>
                {startsGroup ? (
                  <tr className="bg-zinc-100/80 max-sm:block max-sm:rounded-md dark:bg-zinc-900">
                    <th
                      scope="rowgroup"
                      colSpan={1 + columns.length + (selection ? 1 : 0)}
                      className="px-3 py-1.5 text-left text-sm font-semibold max-sm:block"
                    >
                      {keyOf(r)} <span className="font-normal text-zinc-600 dark:text-zinc-400">· {counts.get(keyOf(r))} loaded</span>
                    </th>
                  </tr>
                ) : null}
                <tr
                  data-run={r.pathspec}
                  aria-selected={selection ? selected : undefined}
                  className={`max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-3 max-sm:gap-y-1.5 max-sm:rounded-lg max-sm:border max-sm:border-zinc-200 max-sm:p-3 max-sm:dark:border-zinc-800 ${selected ? "bg-sky-50/70 dark:bg-sky-950/40" : "hover:bg-zinc-50/70 dark:hover:bg-zinc-900/50"}`}
                >
                  {selection ? (
                    <td className={TD}>
                      <input
                        type="checkbox"
                        aria-label={`Select ${r.pathspec}`}
                        checked={selected}
                        onChange={() => {}}
                        onClick={(e) => selection.toggle(index, e.shiftKey)}
                        className="size-4 accent-sky-700"
                      />
                    </td>
                  ) : null}
                  {shows("flow") ? (
                    <td className={`${TD} whitespace-nowrap`}>
                      <Link
                        href={filterHref("flow", r.flow)}
                        scroll={false}
                        title={`Show only ${r.flow} runs`}
                        className="text-zinc-700 hover:text-sky-700 hover:underline dark:text-zinc-300 dark:hover:text-sky-300"
                      >
                        {r.flow}
                      </Link>
                    </td>
                  ) : null}
                  <td className={`${TD} whitespace-nowrap`}>
                    <Link
                      href={runHref(r.flow, r.key, namespace)}
                      aria-label={r.pathspec}
                      className="font-mono font-semibold text-sky-700 hover:underline dark:text-sky-300"
                    >
                      {r.key}
                    </Link>
                    {r.originRunId ? <span className="ml-2 text-xs text-zinc-500 dark:text-zinc-400">resumed from {r.originRunId}</span> : null}
                  </td>
                  {shows("user") ? (
                    <td className={`${TD} whitespace-nowrap`}>
                      <Link
                        href={filterHref("user", r.userName)}
                        scroll={false}
                        title={`Show only runs by ${r.userName}`}
                        className="text-zinc-700 hover:text-sky-700 hover:underline dark:text-zinc-300 dark:hover:text-sky-300"
                      >
                        {r.userName}
                      </Link>
                    </td>
                  ) : null}
                  {shows("status") ? (
                    <td className={TD}>
                      <StatusBadge status={r.status} />
                    </td>
                  ) : null}
                  {shows("started") ? (
                    <td className={`${TD} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>
                      <time dateTime={new Date(r.createdTs).toISOString()} title={formatTime(r.createdTs)}>
                        {formatAgo(r.createdTs, now)}
                      </time>
                    </td>
                  ) : null}
                  {shows("duration") ? (
                    <td className={`${TD} text-right whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400`}>{formatDuration(duration)}</td>
                  ) : null}
                  {shows("tags") ? (
                    <td className={`${TD} max-sm:basis-full`}>
                      <div className="sm:min-w-72">
                        <RunTags tags={r.tags} systemTags={r.systemTags} />
                      </div>
                    </td>
                  ) : null}
                </tr>
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
