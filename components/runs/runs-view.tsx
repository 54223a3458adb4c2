"use client";
// The runs page's live part: the first page comes from the server; further
// pages load as the end of the list scrolls into view (or with the button),
// and live updates refetch what changed.
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useTransition } from "react";
import type { RunSummary } from "@/lib/data/runs-read";
import { namespaceHref } from "@/components/ui/links";
import { RememberingLink } from "@/components/ui/remembering-link";
import { LiveIndicator } from "./live-indicator";
import { RunFilters } from "./run-filters";
import { RunsTable } from "./runs-table";
import { fetchRunsPage, narrows, runsQueryKey, type RunsPage } from "./runs-query";
import { describeSort, sortOfParams } from "@/lib/domain/run-sort";
import { parseColumns } from "@/lib/domain/run-columns";
import { ColumnChooser } from "./column-chooser";
import { useLiveRuns } from "./use-live-runs";
import { useRunSelection } from "./use-run-selection";
import { BulkTagBar } from "./bulk-tag-bar";
import { SaveView } from "@/components/views/save-view";
import { useNow } from "./use-now";

type Props = {
  namespace: string;
  namespaceLabel: string;
  /** Canonical filter query string (see filterQuery). */
  filters: string;
  initialPage: RunsPage | null;
  /** The API's message for filters it refused. */
  problem: string | null;
  serverNow: number;
  /** Namespaces that have runs, offered when this one is empty. */
  elsewhere?: { name: string; runCount: number }[];
};

const RUNNING_REFRESH_MS = 30_000;

export function RunsView({ namespace, namespaceLabel, filters, initialPage, problem, serverNow, elsewhere = [] }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const navigate = (href: string) => startTransition(() => router.push(href, { scroll: false }));

  const query = useInfiniteQuery({
    queryKey: runsQueryKey(namespace, filters),
    queryFn: ({ pageParam }) => fetchRunsPage(namespace, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: initialPage ? { pages: [initialPage], pageParams: [null] } : undefined,
    initialDataUpdatedAt: serverNow,
    enabled: !problem,
    // Heartbeats stop silently: look again while something is running.
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.runs.some((r) => r.status === "running")) ? RUNNING_REFRESH_MS : false),
  });

  const params = useSearchParams();
  const group = groupOf(params.get("group"));
  const order = describeSort(sortOfParams(params));
  const columns = parseColumns(params.get("columns"));
  // Grouped, the loaded runs are ordered by group (newest first within each), as metaflow-ui groups them.
  const runs = useMemo(() => grouped(uniqueRuns(query.data?.pages ?? []), group), [query.data, group]);
  const ids = useMemo(() => new Set(runs.map((r) => r.dbId)), [runs]);
  const live = useLiveRuns(namespace, (id) => ids.has(id));
  const { selection, picked, allMatching, selectAllMatching, clear } = useRunSelection(runs, `${namespace}?${filters}`);
  const now = useNow(serverNow, runs.some((r) => r.status === "running") ? 1000 : 30_000);

  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: "400px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const isGlobal = namespace === "global";
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Runs</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" data-testid="namespace-in-effect">
            Namespace: <strong className="font-mono font-medium text-zinc-900 dark:text-zinc-100">{namespaceLabel}</strong>
            <span className="text-zinc-500"> · {isGlobal ? `every run, by anyone, ${order}` : order}</span>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <SaveView query={viewQuery(namespace, filters, params)} />
          <LiveIndicator state={live} />
        </div>
      </div>

      <RunFilters navigate={navigate} />
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <GroupBy
          group={group}
          onChange={(g) => {
            const next = new URLSearchParams(params);
            if (g) next.set("group", g);
            else next.delete("group");
            navigate(`?${next}`);
          }}
        />
        <ColumnChooser navigate={navigate} />
      </div>

      <BulkTagBar
        namespace={namespace}
        filters={filters}
        picked={picked}
        allMatching={allMatching}
        everyLoadedSelected={selection.loaded === "all"}
        onSelectAllMatching={selectAllMatching}
        onClear={clear}
      />

      <div aria-busy={pending || query.isFetching} className={pending ? "opacity-60 transition-opacity" : "transition-opacity"}>
        {problem ? (
          <Problem message={problem} />
        ) : query.isError && !runs.length ? (
          <Problem message={query.error.message} />
        ) : runs.length === 0 ? (
          <Empty namespace={namespace} filtered={narrows(filters)} elsewhere={elsewhere} />
        ) : (
          <RunsTable
            runs={runs}
            namespace={namespace}
            now={now}
            selection={selection}
            group={group}
            columns={columns}
            sortable
            caption={`Runs in namespace ${namespaceLabel}, ${order}${group ? `, grouped by ${group}` : ""}`}
          />
        )}
      </div>

      {runs.length > 0 ? (
        <div ref={sentinel} className="flex flex-col items-center gap-2 py-2 text-sm">
          {query.isFetchNextPageError ? (
            <p role="alert" className="text-rose-700 dark:text-rose-300">
              {query.error?.message}
            </p>
          ) : null}
          {hasNextPage ? (
            <button
              type="button"
              onClick={() => void fetchNextPage()}
              disabled={isFetchingNextPage}
              className="rounded-md border border-zinc-300 px-4 py-1.5 font-medium text-zinc-700 hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-900"
            >
              {isFetchingNextPage ? "Loading…" : "Load more runs"}
            </button>
          ) : (
            <p className="text-zinc-500 dark:text-zinc-400">{runs.length === 1 ? "That is the only run." : `All ${runs.length} runs shown.`}</p>
          )}
        </div>
      ) : null}
    </div>
  );
}

/** What "Save view" saves: the namespace, filters and order, grouping and columns. */
function viewQuery(namespace: string, filters: string, params: URLSearchParams): string {
  const q = new URLSearchParams(filters);
  q.set("namespace", namespace);
  for (const k of ["group", "columns"]) if (params.get(k)) q.set(k, params.get(k)!);
  return q.toString();
}

export type RunGroup = "flow" | "user" | null;
const groupOf = (v: string | null): RunGroup => (v === "flow" || v === "user" ? v : null);
const groupKey = (r: RunSummary, g: Exclude<RunGroup, null>) => (g === "flow" ? r.flow : r.userName);

function grouped(runs: RunSummary[], g: RunGroup): RunSummary[] {
  if (!g) return runs;
  const order = new Map<string, number>();
  for (const r of runs) if (!order.has(groupKey(r, g))) order.set(groupKey(r, g), order.size);
  // Groups in the order of their newest run; runs keep their order within a group.
  return runs
    .map((r, i) => ({ r, i }))
    .sort((a, b) => order.get(groupKey(a.r, g))! - order.get(groupKey(b.r, g))! || a.i - b.i)
    .map((x) => x.r);
}

function GroupBy({ group, onChange }: { group: RunGroup; onChange: (g: RunGroup) => void }) {
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor="group-by" className="text-zinc-600 dark:text-zinc-400">
        Group by
      </label>
      <select
        id="group-by"
        value={group ?? ""}
        onChange={(e) => onChange(groupOf(e.target.value))}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
      >
        <option value="">Nothing</option>
        <option value="flow">Flow</option>
        <option value="user">User</option>
      </select>
    </div>
  );
}

function uniqueRuns(pages: RunsPage[]): RunSummary[] {
  const seen = new Set<number>();
  return pages.flatMap((p) => p.runs).filter((r) => !seen.has(r.dbId) && (seen.add(r.dbId), true));
}

function Problem({ message }: { message: string }) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-700/60 dark:bg-amber-950/30 dark:text-amber-100"
    >
      <p className="font-medium">These filters cannot be used</p>
      <p className="mt-1">{message}</p>
    </div>
  );
}

function Empty({ namespace, filtered, elsewhere }: { namespace: string; filtered: boolean; elsewhere: { name: string; runCount: number }[] }) {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 px-6 py-10 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
      <p className="font-medium text-zinc-900 dark:text-zinc-100">{filtered ? "No run matches these filters" : "No runs in this namespace yet"}</p>
      {namespace !== "global" ? (
        <p className="mt-2">
          Runs of other people and production deployments are in other namespaces:{" "}
          <Link href={namespaceHref("global")} className="font-medium text-sky-700 underline hover:no-underline dark:text-sky-300">
            look in Global
          </Link>{" "}
          or{" "}
          <Link href="/namespaces" className="font-medium text-sky-700 underline hover:no-underline dark:text-sky-300">
            choose a namespace
          </Link>
          .
        </p>
      ) : null}
      {elsewhere.length ? (
        <ul aria-label="Namespaces with runs" className="mt-4 flex flex-wrap justify-center gap-2">
          {elsewhere.map((n) => (
            <li key={n.name}>
              <RememberingLink
                href={namespaceHref(n.name)}
                namespace={n.name}
                className="inline-flex items-center gap-1.5 rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-medium text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
              >
                Switch to <span className="font-mono">{n.name}</span>
                <span className="font-normal text-zinc-500 dark:text-zinc-400">
                  ({n.runCount} {n.runCount === 1 ? "run" : "runs"})
                </span>
              </RememberingLink>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
