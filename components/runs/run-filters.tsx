"use client";
// The filter bar of the runs list. Every filter lives in the URL, so a link
// opens the same view; changing one starts again from the newest run.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { RUN_STATUSES } from "@/lib/domain/status";
import { fetchJson } from "@/lib/http/fetch-json";
import { queryKeys } from "@/lib/query-keys";
import { INPUT } from "@/components/ui/combobox";
import { hrefOf, TAG_MODES, withoutFilters, withoutValue, withTag, withValue } from "./filter-url";
import { FILTER_PARAMS } from "./runs-query";
import { TagFilterInput } from "./tag-filter-input";

const LABEL = "mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400";
const FIELD = `${INPUT} w-36`;

/** Names to suggest in the flow and user fields, fetched when one of them is first focused. */
function useNameSuggestions(enabled: boolean) {
  const flows = useQuery({
    queryKey: queryKeys.flows.list({ namespace: "global", names: true }),
    queryFn: () => fetchJson<{ flows: { name: string }[] }>("/api/v1/flows?namespace=global").then((r) => r.flows.map((f) => f.name)),
    enabled,
    staleTime: 60_000,
  });
  const users = useQuery({
    queryKey: queryKeys.namespaces.list({ prefix: "user:" }),
    queryFn: () =>
      fetchJson<{ namespaces: { name: string }[] }>("/api/v1/namespaces?prefix=user:").then((r) => r.namespaces.map((n) => n.name.slice("user:".length))),
    enabled,
    staleTime: 60_000,
  });
  return { flow: flows.data ?? [], user: users.data ?? [] };
}

export function RunFilters({ navigate }: { navigate: (href: string) => void }) {
  const params = useSearchParams();
  const [wantNames, setWantNames] = useState(false);
  const names = useNameSuggestions(wantNames);
  const pathname = usePathname() ?? "/";
  const go = (next: URLSearchParams) => navigate(hrefOf(pathname, next));
  const set = (key: string, value: string | null) => {
    if ((params.get(key) ?? "") !== (value ?? "").trim()) go(withValue(params, key, value));
  };
  // Text fields apply on Enter or when leaving them; `key` resets them when the URL changes.
  // Suggestions come from the names that exist; matching ignores case.
  const text = (key: "flow" | "user", label: string, placeholder: string) => (
    <div>
      <label htmlFor={`filter-${key}`} className={LABEL}>
        {label}
      </label>
      <input
        id={`filter-${key}`}
        key={`${key}=${params.get(key) ?? ""}`}
        defaultValue={params.get(key) ?? ""}
        placeholder={placeholder}
        className={FIELD}
        spellCheck={false}
        list={`filter-${key}-names`}
        autoComplete="off"
        onFocus={() => setWantNames(true)}
        onBlur={(e) => set(key, e.target.value)}
        onKeyDown={(e) => e.key === "Enter" && set(key, e.currentTarget.value)}
      />
      <datalist id={`filter-${key}-names`}>
        {names[key].map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </div>
  );
  const date = (key: string, label: string) => (
    <div>
      <label htmlFor={`filter-${key}`} className={LABEL}>
        {label}
      </label>
      <input
        id={`filter-${key}`}
        type="date"
        key={`${key}=${params.get(key) ?? ""}`}
        defaultValue={/^\d{4}-\d{2}-\d{2}$/.test(params.get(key) ?? "") ? params.get(key)! : ""}
        onChange={(e) => (e.target.value === "" || /^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) && set(key, e.target.value)}
        className={`${INPUT} w-40`}
      />
    </div>
  );

  return (
    <section aria-label="Filters" className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50/60 p-3 dark:border-zinc-800 dark:bg-zinc-900/40">
      <div className="flex flex-wrap items-end gap-3">
        <TagFilterInput onAdd={(mode, tag) => go(withTag(params, mode, tag))} />
        <div>
          <label htmlFor="filter-status" className={LABEL}>
            Status
          </label>
          <select
            id="filter-status"
            value={params.get("status") ?? ""}
            onChange={(e) => set("status", e.target.value || null)}
            className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">Any status</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s[0].toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </div>
        {text("flow", "Flow", "Any flow")}
        {text("user", "User", "Anyone")}
        {date("since", "Started on or after")}
        {date("until", "Started before")}
      </div>
      <ActiveFilters params={params} hrefFor={(next) => hrefOf(pathname, next)} />
    </section>
  );
}

function ActiveFilters({ params, hrefFor }: { params: URLSearchParams; hrefFor: (p: URLSearchParams) => string }) {
  const chips: { key: string; label: string; value: string; href: string }[] = [];
  for (const m of TAG_MODES) {
    for (const v of params.getAll(m.mode)) chips.push({ key: `${m.mode}=${v}`, label: m.chip, value: v, href: hrefFor(withoutValue(params, m.mode, v)) });
  }
  for (const key of ["status", "flow", "user", "since", "until"] as const) {
    const v = params.get(key);
    const label = { status: "status", flow: "flow", user: "user", since: "from", until: "before" }[key];
    if (v) chips.push({ key, label, value: v, href: hrefFor(withValue(params, key, null)) });
  }
  if (!chips.length) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Showing runs that</span>
      <ul className="flex min-w-0 max-w-full flex-wrap gap-1.5" aria-label="Active filters">
        {chips.map((c) => (
          <li
            key={c.key}
            className="inline-flex max-w-full min-w-0 items-center gap-1 rounded-full bg-white py-0.5 pr-1 pl-2.5 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-700"
          >
            <span className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400">{c.label}</span>
            {/* A long value is cut with an ellipsis instead of running past the page edge; the title shows it whole. */}
            <span className="min-w-0 max-w-[min(32rem,70vw)] truncate font-mono text-xs" title={c.value}>
              {c.value}
            </span>
            <Link
              href={c.href}
              scroll={false}
              aria-label={`Remove filter ${c.label} ${c.value}`}
              className="ml-0.5 rounded-full px-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-white"
            >
              ×
            </Link>
          </li>
        ))}
      </ul>
      <Link href={hrefFor(withoutFilters(params, FILTER_PARAMS))} scroll={false} className="text-xs font-medium text-sky-700 hover:underline dark:text-sky-300">
        Clear all
      </Link>
    </div>
  );
}
