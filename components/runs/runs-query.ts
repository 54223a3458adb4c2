// The runs list as React Query sees it: one infinite query per namespace and
// filter set, pages chained by the keyset cursor.
import type { RunSummary } from "@/lib/data/runs-read";
import { fetchJson } from "@/lib/http/fetch-json";
import { queryKeys } from "@/lib/query-keys";

export type RunsPage = { runs: RunSummary[]; nextCursor: string | null };
export const PAGE_SIZE = 50;

/** The URL parameters that filter the list (the namespace and cursor aside). */
export const FILTER_PARAMS = ["tag", "anyTag", "notTag", "status", "flow", "user", "since", "until"] as const;

/** The order of the list (see lib/domain/run-sort.ts), read on the server like the filters. */
export const ORDER_PARAMS = ["sort", "dir"] as const;

/** A canonical query string of the filters and order in `params`, so equal lists share a cache entry. */
export function filterQuery(params: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const key of [...FILTER_PARAMS, ...ORDER_PARAMS]) for (const v of params.getAll(key)) if (v !== "") out.append(key, v);
  return out.toString();
}

/** Whether a filterQuery narrows the list (an order alone does not). */
export function narrows(filters: string): boolean {
  return FILTER_PARAMS.some((k) => new URLSearchParams(filters).has(k));
}

export function runsQueryKey(namespace: string, filters: string) {
  return queryKeys.runs.list({ namespace, filters });
}

export function fetchRunsPage(namespace: string, filters: string, cursor: string | null): Promise<RunsPage> {
  const q = new URLSearchParams(filters);
  q.set("namespace", namespace);
  q.set("limit", String(PAGE_SIZE));
  if (cursor) q.set("cursor", cursor);
  return fetchJson<RunsPage>(`/api/v1/runs?${q}`);
}
