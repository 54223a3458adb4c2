// The runs list: newest runs in the namespace in effect (URL, else the
// remembered choice, else your own), filtered by what the URL says.
import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { formatNamespace, GLOBAL, namespaceLabel, parseNamespace } from "@/lib/domain/namespace";
import { isRootUser } from "@/lib/domain/identity";
import { listNamespaces, runCountOf } from "@/lib/data/namespaces-read";
import { Welcome } from "@/components/home/welcome";
import type { Db } from "@/lib/db";
import { parseRunFilters } from "@/lib/domain/run-filters";
import { listRuns } from "@/lib/data/runs-read";
import { isUserError } from "@/lib/errors";
import { namespaceForPage } from "@/lib/namespace-in-effect";
import { PageProblem } from "@/components/ui/page-problem";
import { RunsView } from "@/components/runs/runs-view";
import { filterQuery, narrows, PAGE_SIZE, type RunsPage } from "@/components/runs/runs-query";

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

  // A newcomer Flowdeck only guessed (the server's OS user) whose own namespace
  // is empty is welcomed, and sees Global meanwhile, labelled as such.
  const welcome = ns.guessedUser && ns.isDefault && ns.namespace.kind === "tag" && (await runCountOf(db, ns.name)) === 0;
  const shown = welcome ? parseNamespace(GLOBAL) : ns.namespace;
  const shownName = formatNamespace(shown);
  const filters = filterQuery(toParams(sp));
  const query = new URLSearchParams(filters);
  query.set("namespace", shownName);
  query.set("limit", String(PAGE_SIZE));
  const serverNow = Date.now();
  let initialPage: RunsPage | null = null;
  let problem: string | null = null;
  try {
    initialPage = await listRuns(db, parseRunFilters(query, shownName), serverNow);
  } catch (e) {
    if (!isUserError(e)) throw e;
    problem = e.message;
  }
  // An empty namespace offers the ones that have runs, one click each.
  const elsewhere = initialPage?.runs.length === 0 && !narrows(filters) ? await namespacesWithRuns(db, shownName) : [];
  const view = (
    <RunsView
      namespace={shownName}
      namespaceLabel={namespaceLabel(shown)}
      filters={filters}
      initialPage={initialPage}
      problem={problem}
      serverNow={serverNow}
      elsewhere={elsewhere}
    />
  );
  if (!welcome) return view;
  const users = (await namespacesWithRuns(db, ns.name))
    .filter((n) => n.kind === "user")
    .map((n) => ({ name: n.name.slice("user:".length), runCount: n.runCount }));
  return (
    <div className="space-y-8">
      <Welcome guessed={ns.user} isRoot={isRootUser(ns.user)} users={users} />
      {view}
    </div>
  );
}

/** Namespaces with runs, most used first, but `except`. */
async function namespacesWithRuns(db: Db, except: string) {
  const { namespaces } = await listNamespaces(db, { limit: 8 });
  return namespaces
    .filter((n) => n.runCount > 0 && n.name !== except)
    .sort((a, b) => b.runCount - a.runCount)
    .slice(0, 8);
}
