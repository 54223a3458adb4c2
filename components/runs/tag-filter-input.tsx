"use client";
// The tag filter: pick how tags combine (all of, any of, none of), then type
// a tag. Suggestions come from GET /api/v1/tags, key first, then its values.
// "/" focuses this field (data-search-input).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { TagSuggestion } from "@/lib/domain/tag-suggestions";
import { fetchJson } from "@/lib/http/fetch-json";
import { queryKeys } from "@/lib/query-keys";
import { Combobox, type ComboboxOption } from "@/components/ui/combobox";
import { TAG_MODES, type TagMode } from "./filter-url";

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const runs = (n: number) => `${n.toLocaleString("en")} run${n === 1 ? "" : "s"}`;

export function TagFilterInput({ onAdd }: { onAdd: (mode: TagMode, tag: string) => void }) {
  const [mode, setMode] = useState<TagMode>("tag");
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const prefix = useDebounced(text, 120);
  const suggestions = useQuery({
    queryKey: queryKeys.tags.list({ prefix }),
    queryFn: () => fetchJson<{ suggestions: TagSuggestion[] }>(`/api/v1/tags?prefix=${encodeURIComponent(prefix)}`),
    enabled: open,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  const options: ComboboxOption[] = (suggestions.data?.suggestions ?? []).map((s) => ({
    key: `${s.kind}:${s.value}`,
    value: s.value,
    label: (
      <span className="font-mono">
        {s.kind === "key" ? <>{s.value}<span className="text-zinc-400">…</span></> : s.value}
        {s.system ? <span className="ml-2 font-sans text-[11px] text-zinc-500 dark:text-zinc-400">system tag</span> : null}
      </span>
    ),
    hint: runs(s.runCount),
  }));
  const add = (tag: string) => {
    setText("");
    onAdd(mode, tag);
  };

  return (
    <div className="flex w-full min-w-0 items-end gap-2 md:w-auto md:min-w-[22rem] md:flex-1">
      <div>
        <label htmlFor="tag-mode" className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400">Runs that</label>
        <select id="tag-mode" value={mode} onChange={(e) => setMode(e.target.value as TagMode)}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900">
          {TAG_MODES.map((m) => <option key={m.mode} value={m.mode}>{m.label}</option>)}
        </select>
      </div>
      <Combobox
        label="Filter by tag"
        labelClassName="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400"
        className="min-w-0 flex-1"
        value={text}
        onValueChange={setText}
        onOpen={() => setOpen(true)}
        options={options}
        onPick={(o) => {
          if (o.key.startsWith("key:")) {
            setText(o.value);
            return true;
          }
          add(o.value);
        }}
        onSubmitText={add}
        emptyText={suggestions.isError ? suggestions.error.message : suggestions.isFetching ? "Looking…" : text ? "No tag starts like this: Enter filters by it anyway" : "No tags yet"}
        inputProps={{ "data-search-input": true, placeholder: "Tag, e.g. date:2020-06-01   ( / )", "aria-keyshortcuts": "/" }}
      />
    </div>
  );
}
