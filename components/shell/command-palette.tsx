"use client";
// The command palette (⌘K / Ctrl-K): jump to a run, a flow, a namespace or a
// page by typing. cmdk does the list, filtering and keyboard handling; the
// entries are fetched when it opens. A typed pathspec (Flow/run…) opens as
// "Go to pathspec" does, with the flow name's case corrected.
import { useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import { queryKeys } from "@/lib/query-keys";
import { namespaceHref, runHref } from "@/components/ui/links";
import { PAGES } from "./pages";

const ITEM =
  "flex cursor-pointer items-center justify-between gap-3 rounded px-3 py-1.5 text-sm data-[selected=true]:bg-sky-50 data-[selected=true]:text-sky-900 dark:data-[selected=true]:bg-sky-900/40 dark:data-[selected=true]:text-sky-100";
const GROUP =
  "px-1 py-1 text-zinc-900 dark:text-zinc-100 [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1 [&_[cmdk-group-heading]]:text-[11px] [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-zinc-600 [&_[cmdk-group-heading]]:uppercase dark:[&_[cmdk-group-heading]]:text-zinc-400";

type RunLite = { pathspec: string; flow: string; key: string; status: string; userName: string };

export function CommandPalette() {
  const router = useRouter();
  const namespace = useSearchParams().get("namespace") ?? "global";
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === "k" && (e.metaKey || e.ctrlKey)) {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    const onOpen = () => setOpen(true);
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener("flowdeck:palette", onOpen);
    document.documentElement.dataset.palette = "ready";
    return () => {
      delete document.documentElement.dataset.palette;
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener("flowdeck:palette", onOpen);
    };
  }, []);

  const runs = useQuery({
    queryKey: queryKeys.runs.list({ namespace, palette: true }),
    queryFn: () => fetchJson<{ runs: RunLite[] }>(`/api/v1/runs?namespace=${encodeURIComponent(namespace)}&limit=30`).then((r) => r.runs),
    enabled: open,
    staleTime: 15_000,
  });
  const flows = useQuery({
    queryKey: queryKeys.flows.list({ namespace: "global", names: true }),
    queryFn: () => fetchJson<{ flows: { name: string }[] }>("/api/v1/flows?namespace=global").then((r) => r.flows.map((f) => f.name)),
    enabled: open,
    staleTime: 60_000,
  });
  const namespaces = useQuery({
    queryKey: queryKeys.namespaces.list({}),
    queryFn: () => fetchJson<{ namespaces: { name: string; runCount: number }[] }>("/api/v1/namespaces?limit=50").then((r) => r.namespaces),
    enabled: open,
    staleTime: 60_000,
  });

  const views = useQuery({
    queryKey: queryKeys.views.list(),
    queryFn: () => fetchJson<{ views: { id: number; name: string; userName: string; href: string }[] }>("/api/v1/views").then((r) => r.views),
    enabled: open,
    staleTime: 15_000,
  });

  const go = (href: string) => {
    setOpen(false);
    setSearch("");
    router.push(href);
  };
  const openTyped = async () => {
    const q = new URLSearchParams({ pathspec: search, namespace });
    try {
      go((await fetchJson<{ href: string }>(`/api/v1/resolve?${q}`)).href);
    } catch {
      /* not a pathspec: the list says so */
    }
  };
  const looksLikePathspec = /^[A-Za-z_][A-Za-z0-9_]*\/[^/\s]+/.test(search.trim());

  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Command palette"
      loop
      overlayClassName="fixed inset-0 z-40 bg-black/40"
      contentClassName="fixed top-[12vh] left-1/2 z-50 w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-2xl dark:border-zinc-700 dark:bg-zinc-900"
    >
      <Command.Input
        value={search}
        onValueChange={setSearch}
        placeholder="Jump to a run, flow, namespace or page… (Flow/run opens a run)"
        className="w-full border-b border-zinc-200 bg-transparent px-4 py-3 text-sm outline-none placeholder:text-zinc-500 dark:border-zinc-700"
      />
      <Command.List className="max-h-[60vh] overflow-y-auto p-1">
        <Command.Empty className="px-4 py-3 text-sm text-zinc-600 dark:text-zinc-400">
          {runs.isFetching || flows.isFetching ? "Looking…" : "Nothing matches."}
        </Command.Empty>
        {looksLikePathspec ? (
          <Command.Group heading="Pathspec" className={GROUP}>
            <Command.Item value={`open ${search}`} onSelect={() => void openTyped()} className={ITEM}>
              Open <span className="font-mono">{search.trim()}</span>
            </Command.Item>
          </Command.Group>
        ) : null}
        <Command.Group heading={`Runs in ${namespace === "global" ? "Global" : namespace}`} className={GROUP}>
          {(runs.data ?? []).map((r) => (
            <Command.Item key={r.pathspec} value={`run ${r.pathspec} ${r.userName}`} onSelect={() => go(runHref(r.flow, r.key, namespace))} className={ITEM}>
              <span className="font-mono">{r.pathspec}</span>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">
                {r.status} · {r.userName}
              </span>
            </Command.Item>
          ))}
        </Command.Group>
        <Command.Group heading="Flows" className={GROUP}>
          {(flows.data ?? []).map((f) => (
            <Command.Item
              key={f}
              value={`flow ${f}`}
              onSelect={() => go(`/?namespace=${encodeURIComponent(namespace)}&flow=${encodeURIComponent(f)}`)}
              className={ITEM}
            >
              <span className="font-mono">{f}</span>
            </Command.Item>
          ))}
        </Command.Group>
        <Command.Group heading="Namespaces" className={GROUP}>
          {(namespaces.data ?? []).map((n) => (
            <Command.Item key={n.name} value={`namespace ${n.name}`} onSelect={() => go(namespaceHref(n.name))} className={ITEM}>
              <span className="font-mono">{n.name}</span>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">{n.runCount} runs</span>
            </Command.Item>
          ))}
        </Command.Group>
        <Command.Group heading="Saved views" className={GROUP}>
          {(views.data ?? []).map((v) => (
            <Command.Item key={v.id} value={`view ${v.name} ${v.userName}`} onSelect={() => go(v.href)} className={ITEM}>
              {v.name}
              <span className="text-xs text-zinc-600 dark:text-zinc-400">by {v.userName}</span>
            </Command.Item>
          ))}
        </Command.Group>
        <Command.Group heading="Pages" className={GROUP}>
          {PAGES.map((p) => (
            <Command.Item key={p.href} value={`page ${p.label}`} onSelect={() => go(p.href)} className={ITEM}>
              {p.label}
            </Command.Item>
          ))}
        </Command.Group>
      </Command.List>
    </Command.Dialog>
  );
}
