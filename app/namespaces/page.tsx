import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { listNamespaces } from "@/lib/data/namespaces-read";
import { namespaceForPage } from "@/lib/namespace-in-effect";
import { NamespaceTable } from "@/components/namespaces/namespace-table";
import { PageProblem } from "@/components/ui/page-problem";

export const metadata: Metadata = { title: "Namespaces" };
export const dynamic = "force-dynamic";

export default async function NamespacesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const db = await getDb();
  const [ns, { namespaces, truncated }] = await Promise.all([namespaceForPage(db, await searchParams), listNamespaces(db)]);
  if ("error" in ns) return <PageProblem title="That namespace cannot be used" message={ns.error} />;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Namespaces</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          A namespace is a tag: a run is in every namespace named by its tags. Each person has one
          (<code>user:&lt;name&gt;</code>), each production deployment has one (<code>production:&lt;token&gt;</code>), and
          any tag can serve as one. Global shows every run. Choose one to switch to it.
        </p>
      </div>
      <NamespaceTable namespaces={namespaces} current={ns.name} now={Date.now()} />
      {truncated ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Only the {namespaces.length.toLocaleString("en-US")} namespaces with the most runs are shown.
        </p>
      ) : null}
    </div>
  );
}
