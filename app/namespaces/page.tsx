import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { listNamespaces } from "@/lib/data/namespaces-read";
import { namespaceForPage } from "@/lib/namespace-in-effect";
import { NamespaceTable } from "@/components/namespaces/namespace-table";
import { NamespaceFilter } from "@/components/namespaces/namespace-filter";
import { PageProblem } from "@/components/ui/page-problem";

export const metadata: Metadata = { title: "Namespaces" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NamespacesPage({ searchParams }: Props) {
  const params = await searchParams;
  const prefix = (Array.isArray(params.prefix) ? params.prefix[0] : params.prefix)?.slice(0, 500) ?? "";
  const db = await getDb();
  const [ns, { namespaces, truncated }] = await Promise.all([namespaceForPage(db, params), listNamespaces(db, { prefix })]);
  if ("error" in ns) return <PageProblem title="That namespace cannot be used" message={ns.error} />;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Namespaces</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          A namespace is a tag: a run is in every namespace named by its tags. Each person has one (<code>user:&lt;name&gt;</code>), each production deployment
          has one (<code>production:&lt;token&gt;</code>), and any tag can serve as one. Global shows every run. Choose one to switch to it.
        </p>
      </div>
      <NamespaceFilter prefix={prefix} namespace={params.namespace ? ns.name : null} />
      {namespaces.length || !prefix ? (
        <NamespaceTable namespaces={namespaces} current={ns.name} showGlobal={!prefix} now={Date.now()} />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No namespace starts with &ldquo;{prefix}&rdquo;.</p>
      )}
      {truncated ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Only the most used namespaces of each kind are shown: filter by the beginning of a name to find others.
        </p>
      ) : null}
    </div>
  );
}
