// The audit history: every change to run tags (from the dashboard, the HTTP
// API, Metaflow clients and the CLI), newest first, filterable by person,
// tag, run and time, paged by keyset cursor.
import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { isUserError } from "@/lib/errors";
import { parseAuditFilters } from "@/lib/domain/audit-filters";
import { listAuditEvents, type AuditPage } from "@/lib/data/audit-read";
import { AuditFilterForm } from "@/components/audit/audit-filter-form";
import { AuditTable } from "@/components/audit/audit-table";
import { PageProblem } from "@/components/ui/page-problem";

export const metadata: Metadata = { title: "Audit" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const FIELDS = ["user", "tag", "run", "flow", "kind", "since", "until"] as const;

export default async function AuditPage({ searchParams }: Props) {
  const sp = await searchParams;
  const params = new URLSearchParams();
  for (const k of [...FIELDS, "cursor"]) {
    const v = sp[k];
    const one = Array.isArray(v) ? v[0] : v;
    if (one) params.set(k, one);
  }
  let page: AuditPage;
  try {
    page = await listAuditEvents(await getDb(), parseAuditFilters(params));
  } catch (e) {
    if (!isUserError(e)) throw e;
    return (
      <div className="space-y-6">
        <AuditFilterForm values={Object.fromEntries(params)} />
        <PageProblem title="These filters cannot be used" message={e.message} next={{ href: "/audit", label: "See every change" }} />
      </div>
    );
  }
  const next = new URLSearchParams(params);
  if (page.nextCursor) next.set("cursor", page.nextCursor);
  const filtered = FIELDS.some((k) => params.has(k));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Every change to a run&apos;s tags and every production event (deployments, authorizations, refusals, new tokens, grants, revocations, retirements),
          whoever made it and from wherever: the dashboard, the HTTP API, a Metaflow client or the CLI. Kept forever, newest first.
        </p>
      </div>
      <AuditFilterForm values={Object.fromEntries(params)} />
      {page.events.length ? (
        <AuditTable events={page.events} />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{filtered ? "No change matches these filters." : "Nothing has been changed yet."}</p>
      )}
      <div className="flex gap-4 text-sm">
        {params.has("cursor") ? (
          <Link
            href={`/audit?${new URLSearchParams([...params].filter(([k]) => k !== "cursor"))}`}
            className="font-medium text-sky-700 hover:underline dark:text-sky-300"
          >
            Newest changes
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={`/audit?${next}`} className="font-medium text-sky-700 hover:underline dark:text-sky-300">
            Older changes
          </Link>
        ) : null}
      </div>
    </div>
  );
}
