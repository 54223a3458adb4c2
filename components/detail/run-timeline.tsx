"use client";
// A Gantt of every task of the run, grouped by step, with each attempt as a
// bar. Pages come from the server as the person scrolls; only the rows on
// screen are drawn (react-virtual), so 10,000 tasks scroll as smoothly as 10.
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { TimelineRow } from "@/lib/data/run-tasks-read";
import { fetchJson } from "@/lib/http/fetch-json";
import { queryKeys } from "@/lib/query-keys";
import { clientDuration, clientTime, runApi, stepHref, taskHref } from "./api";
import { useFallbackPoll } from "./live-fallback";

type Page = { tasks: TimelineRow[]; total: number | null; runStart: number; runEnd: number; nextCursor: string | null };
type Item = { kind: "step"; step: string } | { kind: "task"; task: TimelineRow };

const ROW = 26;
const LABEL_W = 200;
const BAR: Record<string, string> = { completed: "bg-emerald-500", failed: "bg-rose-500", running: "bg-sky-500" };
const ZOOMS = [1, 2, 4, 8, 16, 32];

export function RunTimeline({ flow, run, namespace, running }: { flow: string; run: string; namespace: string; running: boolean }) {
  const [zoom, setZoom] = useState(1);
  const poll = useFallbackPoll(running);
  const query = useInfiniteQuery({
    queryKey: queryKeys.run.timeline(flow, run),
    queryFn: ({ pageParam }) => fetchJson<Page>(runApi(flow, run, "/timeline", namespace, { cursor: pageParam, limit: 200 })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: poll,
  });
  const pages = useMemo(() => query.data?.pages ?? [], [query.data?.pages]);
  const first = pages[0];
  const items = useMemo(() => {
    const out: Item[] = [];
    let step: string | null = null;
    for (const p of pages)
      for (const t of p.tasks) {
        if (t.step !== step) out.push({ kind: "step", step: (step = t.step) });
        out.push({ kind: "task", task: t });
      }
    return out;
  }, [pages]);
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(300, el.clientWidth - LABEL_W - 16)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const virtual = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 20 });
  const rows = virtual.getVirtualItems();
  const lastRow = rows.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastRow >= items.length - 50 && query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  }, [lastRow, items.length, query]);

  if (query.isError)
    return (
      <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
        {query.error.message}
      </p>
    );
  if (!first) return <p className="text-sm text-zinc-500">Loading the timeline…</p>;
  const start = first.runStart;
  const span = Math.max(1000, Math.max(first.runEnd, ...pages.flatMap((p) => p.tasks.map((t) => t.attempts.at(-1)?.endTs ?? t.createdTs))) - start);
  const chartW = width * zoom;
  const x = (ts: number) => ((ts - start) / span) * chartW;
  const loaded = items.filter((i) => i.kind === "task").length;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="text-zinc-600 dark:text-zinc-400">
          {first.total !== null ? `${first.total.toLocaleString("en-US")} tasks` : null}
          {query.hasNextPage ? ` (${loaded.toLocaleString("en-US")} loaded; scroll for more)` : null}
          {" · "}
          {clientDuration(span)} from {clientTime(start)}
        </span>
        <span className="ml-auto inline-flex items-center gap-1" role="group" aria-label="Zoom">
          <button
            type="button"
            className="rounded border border-zinc-300 px-2 py-0.5 disabled:opacity-40 dark:border-zinc-700"
            aria-label="Zoom out"
            disabled={zoom === ZOOMS[0]}
            onClick={() => setZoom(ZOOMS[Math.max(0, ZOOMS.indexOf(zoom) - 1)])}
          >
            −
          </button>
          <span className="w-10 text-center tabular-nums" aria-live="polite">
            {zoom}×
          </span>
          <button
            type="button"
            className="rounded border border-zinc-300 px-2 py-0.5 disabled:opacity-40 dark:border-zinc-700"
            aria-label="Zoom in"
            disabled={zoom === ZOOMS.at(-1)}
            onClick={() => setZoom(ZOOMS[Math.min(ZOOMS.length - 1, ZOOMS.indexOf(zoom) + 1)])}
          >
            +
          </button>
        </span>
      </div>
      <div
        ref={scroller}
        className="overflow-auto rounded-lg border border-zinc-200 dark:border-zinc-800"
        data-testid="timeline"
        style={{ height: Math.min(384, virtual.getTotalSize() + 20) }}
        role="list"
        aria-label="Timeline of tasks"
      >
        <div style={{ height: virtual.getTotalSize(), width: LABEL_W + chartW + 16, position: "relative" }}>
          {rows.map((r) => {
            const item = items[r.index];
            const style = { position: "absolute" as const, top: 0, left: 0, height: r.size, transform: `translateY(${r.start}px)`, width: "100%" };
            if (item.kind === "step") {
              return (
                <div key={r.key} role="listitem" style={style} className="flex items-end bg-zinc-50 px-2 text-xs font-semibold dark:bg-zinc-900">
                  <Link href={stepHref(flow, run, item.step, namespace)} className="sticky left-2 font-mono hover:underline">
                    {item.step}
                  </Link>
                </div>
              );
            }
            const t = item.task;
            return (
              <div key={r.key} role="listitem" style={style} className="flex items-center text-xs" data-task={t.pathspec}>
                <Link
                  href={taskHref(flow, run, t.step, t.key, namespace)}
                  className="sticky left-0 z-10 w-[200px] shrink-0 truncate bg-white px-2 font-mono hover:underline dark:bg-zinc-950"
                >
                  {t.step}/{t.key}
                </Link>
                <div className="relative h-4" style={{ width: chartW }}>
                  {t.attempts.map((a) => {
                    const left = x(a.startTs);
                    const end = a.endTs ?? (a.status === "running" ? first.runEnd : a.startTs);
                    return (
                      <span
                        key={a.attempt}
                        className={`absolute top-0 h-4 rounded-sm ${BAR[a.status]} ${a.attempt > 0 ? "ring-2 ring-amber-400" : ""}`}
                        style={{ left, width: Math.max(2, x(end) - left) }}
                        title={`${t.pathspec} attempt ${a.attempt}: ${a.status}, ${clientDuration(a.endTs !== null ? a.endTs - a.startTs : null)}`}
                      />
                    );
                  })}
                </div>
              </div>
            );
          })}
        </div>
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Bars: <span className="text-emerald-700 dark:text-emerald-400">completed</span>, <span className="text-rose-700 dark:text-rose-400">failed</span>,{" "}
        <span className="text-sky-700 dark:text-sky-400">running</span>; a retry is outlined in amber.
      </p>
    </div>
  );
}
