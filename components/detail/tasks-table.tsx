"use client";
// Every task of the run (or of one step): filter by status and step, sort by
// start or duration, paged from the server and virtualized, with no cap.
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { TaskListRow } from "@/lib/data/run-tasks-read";
import { StatusBadge } from "@/components/ui/status-badge";
import { fetchJson } from "@/lib/http/fetch-json";
import { queryKeys } from "@/lib/query-keys";
import { clientDuration, clientTime, runApi, taskHref } from "./api";
import { useFallbackPoll } from "./live-fallback";

type Page = { tasks: TaskListRow[]; nextCursor: string | null };
const ROW = 36;
const field = "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const GRID = "grid grid-cols-[minmax(7rem,1.4fr)_minmax(5rem,1fr)_7rem_4rem_minmax(9rem,1.2fr)_5rem] items-center gap-x-3 px-3";

export function TasksTable({
  flow,
  run,
  namespace,
  steps,
  fixedStep,
  running,
}: {
  flow: string;
  run: string;
  namespace: string;
  steps: string[];
  fixedStep?: string;
  running: boolean;
}) {
  const [status, setStatus] = useState("");
  const [step, setStep] = useState(fixedStep ?? "");
  const [sort, setSort] = useState<"start" | "duration">("start");
  const filters = { status, step, sort };
  const poll = useFallbackPoll(running);
  const query = useInfiniteQuery({
    queryKey: queryKeys.run.tasks(flow, run, filters),
    queryFn: ({ pageParam }) => fetchJson<Page>(runApi(flow, run, "/tasks", namespace, { ...filters, cursor: pageParam, limit: 300 })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: poll,
  });
  const tasks = useMemo(() => (query.data?.pages ?? []).flatMap((p) => p.tasks), [query.data]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: tasks.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 15 });
  const rows = virtual.getVirtualItems();
  const lastRow = rows.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastRow >= tasks.length - 30 && query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  }, [lastRow, tasks.length, query]);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-600 dark:text-zinc-400">Task status</span>
          <select className={field} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            <option value="running">Running</option>
            <option value="completed">Completed</option>
            <option value="failed">Failed</option>
          </select>
        </label>
        {fixedStep ? null : (
          <label className="flex flex-col gap-1">
            <span className="text-xs text-zinc-600 dark:text-zinc-400">Step</span>
            <select className={field} value={step} onChange={(e) => setStep(e.target.value)}>
              <option value="">All steps</option>
              {steps.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-600 dark:text-zinc-400">Sort by</span>
          <select className={field} value={sort} onChange={(e) => setSort(e.target.value as "start" | "duration")}>
            <option value="start">Start (oldest first)</option>
            <option value="duration">Duration (longest first)</option>
          </select>
        </label>
        <span className="pb-1 text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {query.isPending ? "Loading…" : `${tasks.length.toLocaleString("en-US")}${query.hasNextPage ? "+" : ""} ${tasks.length === 1 ? "task" : "tasks"}`}
        </span>
      </div>
      {query.isError ? (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {query.error.message}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <div className="min-w-[42rem] text-sm" role="table" aria-label={fixedStep ? `Tasks of ${fixedStep}` : "Tasks of the run"}>
          <div role="row" className={`${GRID} border-b border-zinc-200 py-2 text-xs font-medium text-zinc-600 dark:border-zinc-800 dark:text-zinc-400`}>
            <span role="columnheader">Task</span>
            <span role="columnheader">Step</span>
            <span role="columnheader">Status</span>
            <span role="columnheader">Attempt</span>
            <span role="columnheader">Started</span>
            <span role="columnheader" className="text-right">
              Duration
            </span>
          </div>
          <div ref={scroller} className="max-h-[28rem] overflow-auto" role="rowgroup">
            <div style={{ height: virtual.getTotalSize(), position: "relative" }}>
              {rows.map((r) => {
                const t = tasks[r.index];
                return (
                  <div
                    key={r.key}
                    role="row"
                    className={`${GRID} absolute inset-x-0 hover:bg-zinc-50 dark:hover:bg-zinc-900`}
                    style={{ height: r.size, transform: `translateY(${r.start}px)` }}
                  >
                    <span role="cell">
                      <Link className="font-mono text-sky-700 hover:underline dark:text-sky-300" href={taskHref(flow, run, t.step, t.key, namespace)}>
                        {t.key}
                      </Link>
                    </span>
                    <span role="cell" className="truncate font-mono">
                      {t.step}
                    </span>
                    <span role="cell">
                      <StatusBadge status={t.status} />
                    </span>
                    <span role="cell" className="tabular-nums">
                      {t.attempt}
                    </span>
                    <span role="cell" className="truncate text-zinc-600 dark:text-zinc-400">
                      {clientTime(t.createdTs)}
                    </span>
                    <span role="cell" className="text-right tabular-nums">
                      {clientDuration(t.durationMs)}
                    </span>
                  </div>
                );
              })}
            </div>
            {!query.isPending && !tasks.length ? <p className="p-3 text-zinc-600 dark:text-zinc-400">No task matches.</p> : null}
          </div>
        </div>
      </div>
    </div>
  );
}
