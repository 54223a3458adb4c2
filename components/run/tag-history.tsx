"use client";
// Every change to this run's tags, newest first, with who made it, when and
// from where; older changes page in by the history's cursor. The tag editor
// invalidates this list after each change, and so does the change stream.
import { useInfiniteQuery } from "@tanstack/react-query";
import type { AuditPage } from "@/lib/data/audit-read";
import { fetchJson } from "@/lib/http/fetch-json";
import { queryKeys } from "@/lib/query-keys";
import { AuditEntryText } from "@/components/audit/audit-entry";

export function TagHistory({ flow, run, initial }: { flow: string; run: string; initial: AuditPage }) {
  const history = useInfiniteQuery({
    queryKey: queryKeys.tags.history(flow, run),
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams({ limit: "50" });
      if (pageParam) q.set("cursor", pageParam);
      return fetchJson<AuditPage>(`/api/v1/runs/${encodeURIComponent(flow)}/${encodeURIComponent(run)}/tag-history?${q}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [initial], pageParams: [null] },
  });
  const events = history.data.pages.flatMap((p) => p.events);
  if (!events.length) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No tag has been changed since the run started.</p>;
  return (
    <div className="space-y-2">
      <ol aria-label="Tag history" className="space-y-1.5 text-sm">
        {events.map((e) => (
          <li key={e.id}>
            <AuditEntryText entry={e} />
          </li>
        ))}
      </ol>
      {history.hasNextPage ? (
        <button
          type="button"
          onClick={() => void history.fetchNextPage()}
          disabled={history.isFetchingNextPage}
          className="text-sm font-medium text-sky-700 hover:underline disabled:opacity-60 dark:text-sky-300"
        >
          {history.isFetchingNextPage ? "Loading…" : "Show older changes"}
        </button>
      ) : null}
      {history.isError ? (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {history.error.message}
        </p>
      ) : null}
    </div>
  );
}
