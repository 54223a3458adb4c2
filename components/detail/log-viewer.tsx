"use client";
// A task's stdout or stderr, one attempt at a time, with Metaflow's
// timestamps. Pages load as the person scrolls (a log of a million lines
// opens at once); search runs on the server; follow mode polls for new lines
// while the task runs; download streams the whole log.
import { useEffect, useMemo, useRef, useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { fetchJson } from "@/lib/http/fetch-json";
import { queryKeys } from "@/lib/query-keys";
import { taskApi } from "./api";

type Spec = { flow: string; run: string; step: string; task: string };
type Line = { ts: number | null; line: string; source: string };
type Page = { lines: Line[]; nextCursor: string; atEnd: boolean; files: string[]; totalBytes: number; unreadable: string | null };
type Stream = "stdout" | "stderr";

const ROW = 20;
const FOLLOW_MS = 2000;

function stamp(ts: number | null): string {
  return ts === null ? "" : new Date(ts).toISOString().slice(11, 23);
}

function Highlight({ text, q }: { text: string; q: string }) {
  if (!q) return <>{text}</>;
  const at = text.toLowerCase().indexOf(q.toLowerCase());
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark className="bg-amber-200 text-zinc-900">{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length)}
    </>
  );
}

export function LogViewer({
  spec,
  namespace,
  attempts,
  initialStream,
  running,
}: {
  spec: Spec;
  namespace: string;
  attempts: number[];
  initialStream: Stream;
  running: boolean;
}) {
  const [stream, setStream] = useState<Stream>(initialStream);
  const [attempt, setAttempt] = useState(attempts.at(-1) ?? 0);
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  const [follow, setFollow] = useState(running);
  const pathspec = `${spec.flow}/${spec.run}/${spec.step}/${spec.task}`;
  const url = (extra: Record<string, string | number | null>) => taskApi(spec, "/logs", namespace, { stream, attempt, ...extra });

  const query = useInfiniteQuery({
    queryKey: q ? queryKeys.logs.search(pathspec, stream, attempt, q) : queryKeys.logs.task(pathspec, stream, attempt),
    queryFn: ({ pageParam }) => fetchJson<Page>(url({ cursor: pageParam, limit: q ? 500 : 1000, q: q || null })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (!last.atEnd || (follow && !q) ? last.nextCursor : undefined),
    refetchOnWindowFocus: false,
  });
  const pages = useMemo(() => query.data?.pages ?? [], [query.data?.pages]);
  const lines = useMemo(() => pages.flatMap((p) => p.lines), [pages]);
  const atEnd = pages.at(-1)?.atEnd ?? false;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: lines.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 30 });
  const rows = virtual.getVirtualItems();
  const lastRow = rows.at(-1)?.index ?? 0;

  useEffect(() => {
    if (!atEnd && lastRow >= lines.length - 100 && query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  }, [atEnd, lastRow, lines.length, query]);

  // Following: at the end of the log, ask for what came after it every few seconds.
  useEffect(() => {
    if (!follow || q || !atEnd) return;
    const timer = setInterval(() => {
      if (!query.isFetchingNextPage) void query.fetchNextPage();
    }, FOLLOW_MS);
    return () => clearInterval(timer);
  }, [follow, q, atEnd, query]);
  useEffect(() => {
    if (follow && !q && lines.length) virtual.scrollToIndex(lines.length - 1, { align: "end" });
  }, [follow, q, lines.length, virtual]);

  const first = pages[0];
  const field = "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";
  return (
    <section aria-labelledby="logs-heading" className="space-y-2">
      <h2 id="logs-heading" className="text-lg font-semibold">
        Logs
      </h2>
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <div role="tablist" aria-label="Stream" className="inline-flex rounded-md border border-zinc-300 dark:border-zinc-700">
          {(["stdout", "stderr"] as const).map((s) => (
            <button
              key={s}
              role="tab"
              type="button"
              aria-selected={stream === s}
              onClick={() => setStream(s)}
              className={`px-3 py-1 font-mono ${stream === s ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : ""}`}
            >
              {s}
            </button>
          ))}
        </div>
        {attempts.length > 1 ? (
          <label className="flex items-center gap-1">
            <span className="text-xs text-zinc-600 dark:text-zinc-400">Attempt</span>
            <select className={field} value={attempt} onChange={(e) => setAttempt(Number(e.target.value))}>
              {attempts.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <form
          role="search"
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            setQ(draft.trim());
          }}
        >
          <input
            type="search"
            aria-label="Search the log"
            placeholder="Search the log"
            className={field}
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              if (!e.target.value) setQ("");
            }}
          />
          <button type="submit" className="rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700">
            Search
          </button>
        </form>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          <span>Follow</span>
        </label>
        <a className="text-sky-700 underline hover:no-underline dark:text-sky-300" href={url({ download: 1 })} download>
          Download
        </a>
      </div>
      {first?.unreadable ? <p className="text-sm text-amber-800 dark:text-amber-300">Log files: {first.unreadable}</p> : null}
      {query.isError ? (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {query.error.message}
        </p>
      ) : null}
      <p className="text-xs text-zinc-500 dark:text-zinc-400" aria-live="polite">
        {query.isPending
          ? "Loading…"
          : q
            ? `${lines.length.toLocaleString("en-US")}${atEnd ? "" : "+"} ${lines.length === 1 ? "line matches" : "lines match"} “${q}”`
            : `${lines.length.toLocaleString("en-US")}${atEnd ? "" : "+"} ${lines.length === 1 ? "line" : "lines"}${follow && atEnd ? " · following" : ""}`}
      </p>
      <div
        ref={scroller}
        className="overflow-auto rounded-lg bg-zinc-950 p-2 font-mono text-xs text-zinc-100"
        style={{ height: Math.min(384, Math.max(96, virtual.getTotalSize() + 16)) }}
        role="log"
        aria-label={`${stream} of attempt ${attempt}`}
      >
        <div style={{ height: virtual.getTotalSize(), position: "relative" }}>
          {rows.map((r) => {
            const l = lines[r.index];
            return (
              <div
                key={r.key}
                className="absolute inset-x-0 flex gap-3 whitespace-pre"
                style={{ height: r.size, transform: `translateY(${r.start}px)` }}
                data-log-line
              >
                <span className="shrink-0 text-zinc-500 select-none">{stamp(l.ts)}</span>
                <span>
                  <Highlight text={l.line} q={q} />
                </span>
              </div>
            );
          })}
        </div>
        {!query.isPending && !lines.length ? <p className="text-zinc-500 dark:text-zinc-400">{q ? "No line matches." : "This log is empty."}</p> : null}
      </div>
      {q && !atEnd ? (
        <button type="button" className="text-sm text-sky-700 underline dark:text-sky-300" onClick={() => void query.fetchNextPage()}>
          More matches
        </button>
      ) : null}
    </section>
  );
}
