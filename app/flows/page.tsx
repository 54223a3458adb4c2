import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { latestIsAmbiguous, namespaceLabel } from "@/lib/domain/namespace";
import { listFlowsInNamespace } from "@/lib/data/flows-read";
import { namespaceForPage } from "@/lib/namespace-in-effect";
import { FlowCard } from "@/components/flows/flow-card";
import { PageProblem } from "@/components/ui/page-problem";

export const metadata: Metadata = { title: "Flows" };
export const dynamic = "force-dynamic";

export default async function FlowsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const db = await getDb();
  const ns = await namespaceForPage(db, await searchParams);
  if ("error" in ns) return <PageProblem title="That namespace cannot be used" message={ns.error} />;
  const now = Date.now();
  const flows = await listFlowsInNamespace(db, ns.namespace, now);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Flows</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Flows with runs in namespace <strong className="font-mono font-medium text-zinc-900 dark:text-zinc-100">{namespaceLabel(ns.namespace)}</strong>, each
          with its latest run there.
        </p>
      </div>
      {latestIsAmbiguous(ns.namespace) ? (
        <p
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-700/60 dark:bg-amber-950/30 dark:text-amber-100"
        >
          You are in the global namespace: <strong>&ldquo;latest&rdquo; means the latest run by anyone</strong>, and anyone can start a new run at any time.
          Switch to a person&apos;s or a production namespace for a latest run you can rely on.
        </p>
      ) : null}
      {flows.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No flow has runs in this namespace.{" "}
          <Link href="/namespaces" className="font-medium text-sky-700 underline hover:no-underline dark:text-sky-300">
            Choose another namespace
          </Link>
          .
        </p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Flows">
          {flows.map((f) => (
            <li key={f.name} className="flex">
              <FlowCard flow={f} namespace={ns.name} now={now} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
