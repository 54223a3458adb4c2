"use client";
// The bar over a selection of runs: how many are selected, "Select all N runs
// matching this filter" (counted and, on edit, resolved by the server), then
// add or remove a tag on all of them. The result says exactly what happened.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { bulkEditTagsAction } from "@/lib/actions/tag-actions";
import type { BulkFilter } from "@/lib/domain/tag-edit";
import { fetchJson } from "@/lib/http/fetch-json";
import { queryKeys } from "@/lib/query-keys";
import { TagCombobox } from "@/components/tags/tag-combobox";

type Props = {
  namespace: string;
  /** Canonical filter query string of the list. */
  filters: string;
  picked: Map<number, string>;
  allMatching: boolean;
  everyLoadedSelected: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
};

const runs = (n: number) => `${n.toLocaleString("en-US")} run${n === 1 ? "" : "s"}`;
const BUTTON =
  "rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800";
const LINK = "font-medium text-sky-700 underline hover:no-underline dark:text-sky-300";

const LIST_PARAMS = new Set(["tag", "anyTag", "notTag"]);

/** The list's filters as the bulk edit's filter object. */
export function filterObject(namespace: string, filters: string): BulkFilter {
  const out: Record<string, string | string[]> = { namespace };
  for (const [k, v] of new URLSearchParams(filters)) {
    if (LIST_PARAMS.has(k)) out[k] = [...((out[k] as string[] | undefined) ?? []), v];
    else out[k] = v;
  }
  return out as BulkFilter;
}

export function BulkTagBar({ namespace, filters, picked, allMatching, everyLoadedSelected, onSelectAllMatching, onClear }: Props) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"add" | "remove" | null>(null);
  const [tag, setTag] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const count = useQuery({
    queryKey: queryKeys.runs.count(namespace, filters),
    queryFn: () => {
      const q = new URLSearchParams(filters);
      q.set("namespace", namespace);
      return fetchJson<{ count: number; capped: boolean }>(`/api/v1/runs/count?${q}`);
    },
    enabled: everyLoadedSelected || allMatching,
  });
  const matching = count.data?.count;
  const selected = allMatching ? matching : picked.size;
  if (!picked.size && !allMatching) {
    return result ? (
      <p role={result.ok ? "status" : "alert"} className="text-sm">
        {result.text}
      </p>
    ) : null;
  }

  async function apply(value: string) {
    const t = value.trim();
    if (!t || !mode) return;
    setBusy(true);
    setResult(null);
    const target = allMatching ? { filter: filterObject(namespace, filters) } : { runs: [...picked.values()] };
    const res = await bulkEditTagsAction({ ...target, add: mode === "add" ? [t] : [], remove: mode === "remove" ? [t] : [] });
    setBusy(false);
    if (!res.ok) return setResult({ ok: false, text: res.error ?? "The edit failed." });
    setResult({ ok: !res.outcome?.failed.length, text: res.message ?? "Done." });
    setMode(null);
    setTag("");
    onClear();
    void queryClient.invalidateQueries({ queryKey: queryKeys.runs.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.tags.all });
  }

  return (
    <div
      role="region"
      aria-label="Bulk tag edit"
      className="space-y-2 rounded-lg border border-sky-200 bg-sky-50/60 px-4 py-3 text-sm dark:border-sky-900 dark:bg-sky-950/30"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <p aria-live="polite" className="font-medium">
          {allMatching ? `All ${selected === undefined ? "…" : runs(selected)} matching this filter are selected` : `${runs(picked.size)} selected`}
          {allMatching && count.data?.capped ? " (the most one edit can change)" : null}
        </p>
        {everyLoadedSelected && !allMatching && matching !== undefined && matching >= picked.size ? (
          <button type="button" onClick={onSelectAllMatching} className={LINK}>
            Select all {runs(matching)} matching this filter
          </button>
        ) : null}
        <div className="flex gap-2">
          <button type="button" className={BUTTON} onClick={() => setMode("add")} aria-pressed={mode === "add"}>
            Add tags
          </button>
          <button type="button" className={BUTTON} onClick={() => setMode("remove")} aria-pressed={mode === "remove"}>
            Remove tags
          </button>
          <button
            type="button"
            className={LINK}
            onClick={() => {
              setMode(null);
              onClear();
            }}
          >
            Clear selection
          </button>
        </div>
      </div>
      {mode ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void apply(tag);
          }}
        >
          <TagCombobox
            label={mode === "add" ? "Tag to add" : "Tag to remove"}
            labelClassName="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400"
            className="w-full max-w-sm"
            value={tag}
            onValueChange={setTag}
            onSubmit={(t) => void apply(t)}
            noMatchText={mode === "add" ? "A new tag: Enter adds it" : "No run has this tag"}
            inputProps={{ autoFocus: true }}
          />
          <button type="submit" className={BUTTON} disabled={busy || !tag.trim()}>
            {busy ? "Working…" : `${mode === "add" ? "Add to" : "Remove from"} ${selected === undefined ? "…" : runs(selected)}`}
          </button>
          <button type="button" className={LINK} onClick={() => setMode(null)}>
            Cancel
          </button>
        </form>
      ) : null}
      {result ? <p role={result.ok ? "status" : "alert"}>{result.text}</p> : null}
    </div>
  );
}
