// The runs list: newest runs in the namespace in effect (URL, else the
// remembered choice, else your own), filtered by what the URL says.
import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { namespaceLabel } from "@/lib/domain/namespace";
import { parseRunFilters } from "@/lib/domain/run-filters";
import { listRuns } from "@/lib/data/runs-read";
import { isUserError } from "@/lib/errors";
import { namespaceForPage } from "@/lib/namespace-in-effect";
import { PageProblem } from "@/components/ui/page-problem";
import { RunsView } from "@/components/runs/runs-view";
import { filterQuery, PAGE_SIZE, type RunsPage } from "@/components/runs/runs-query";

export const metadata: Metadata = { title: "Runs" };

type SearchParams = Record<string, string | string[] | undefined>;

function toParams(sp: SearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) out.append(k, one);
  return out;
}

export default async function RunsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const db = await getDb();
  const ns = await namespaceForPage(db, sp);
  if ("error" in ns) return <PageProblem title="That namespace cannot be used" message={ns.error} />;

  const filters = filterQuery(toParams(sp));
  const query = new URLSearchParams(filters);
  query.set("namespace", ns.name);
  query.set("limit", String(PAGE_SIZE));
  const serverNow = Date.now();
  let initialPage: RunsPage | null = null;
  let problem: string | null = null;
  try {
    initialPage = await listRuns(db, parseRunFilters(query, ns.name), serverNow);
  } catch (e) {
    if (!isUserError(e)) throw e;
    problem = e.message;
  }
  return (
    <RunsView
      namespace={ns.name}
      namespaceLabel={namespaceLabel(ns.namespace)}
      filters={filters}
      initialPage={initialPage}
      problem={problem}
      serverNow={serverNow}
    />
  );
}
