"use client";
// The "Namespace" control in the header, on every page. The namespace in
// effect comes from the URL (?namespace=), else from what the server resolved
// (remembered choice, else the person's own). Choosing one navigates, keeping
// the other filters, and remembers the choice.
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { setNamespacePreferenceAction } from "@/lib/actions/namespace-actions";
import { fetchJson } from "@/lib/http/fetch-json";
import { queryKeys } from "@/lib/query-keys";
import { Combobox, INPUT } from "@/components/ui/combobox";
import { hrefOf } from "@/components/runs/filter-url";
import { namespaceDisplay, namespaceOptions, type NamespaceListItem } from "./namespace-options";

const LIST_LIMIT = 1000;

export function NamespaceSwitcher({ user, fallback }: { user: string; fallback: string }) {
  const searchParams = useSearchParams();
  const pathname = usePathname() ?? "/";
  const router = useRouter();
  const [chosen, setChosen] = useState<string | null>(null);
  // A new server-side fallback (another user, a remembered choice) replaces ours.
  const [seenFallback, setSeenFallback] = useState(fallback);
  if (seenFallback !== fallback) {
    setSeenFallback(fallback);
    setChosen(null);
  }
  const current = searchParams.get("namespace")?.trim() || chosen || fallback;
  const [query, setQuery] = useState<string | null>(null);
  const [wanted, setWanted] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const list = useQuery({
    queryKey: queryKeys.namespaces.list({ limit: LIST_LIMIT }),
    queryFn: () => fetchJson<{ namespaces: NamespaceListItem[] }>(`/api/v1/namespaces?limit=${LIST_LIMIT}`),
    enabled: wanted,
    staleTime: 60_000,
  });

  function choose(namespace: string) {
    setQuery(null);
    setProblem(null);
    setChosen(namespace);
    const params = new URLSearchParams(searchParams);
    params.set("namespace", namespace);
    params.delete("cursor");
    startTransition(() => router.push(hrefOf(pathname, params)));
    void setNamespacePreferenceAction({ namespace }).then(
      (r) => !r.ok && setProblem(r.error ?? "Your choice could not be remembered."),
      () => setProblem("Your choice could not be remembered."),
    );
  }

  const options = namespaceOptions(user, list.data?.namespaces ?? [], query ?? "");
  return (
    <div className="flex items-center gap-2" data-pending={pending || undefined}>
      <Combobox
        label="Namespace"
        labelClassName="text-sm text-zinc-500 dark:text-zinc-400"
        className="flex items-center gap-2"
        inputClassName={`${INPUT} w-44 font-mono`}
        value={query ?? namespaceDisplay(current)}
        onValueChange={setQuery}
        onOpen={() => setWanted(true)}
        onDismiss={() => setQuery(null)}
        options={options}
        onPick={(o) => choose(o.value)}
        onSubmitText={(text) => choose(text.toLowerCase() === "global" ? "global" : text)}
        footer={list.isPending ? "Loading namespaces…" : list.isError ? list.error.message : undefined}
        emptyText={list.isError ? list.error.message : list.isPending ? "Loading namespaces…" : "No namespace matches"}
        inputProps={{ title: `Namespace in effect: ${namespaceDisplay(current)}`, "aria-busy": pending || undefined }}
      />
      {problem ? (
        <span role="alert" className="text-xs text-amber-700 dark:text-amber-300">
          {problem}
        </span>
      ) : null}
    </div>
  );
}

/** What the header shows until the URL can be read. */
export function NamespaceSwitcherPlaceholder({ namespace }: { namespace: string }) {
  return (
    <div className="flex items-center gap-2 text-sm">
      <span className="text-zinc-500 dark:text-zinc-400">Namespace</span>
      <span className={`${INPUT} w-44 font-mono text-zinc-500`}>{namespaceDisplay(namespace)}</span>
    </div>
  );
}
