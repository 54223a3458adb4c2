"use client";
// A text box for one tag with suggestions from GET /api/v1/tags: keys of
// key:value tags first (picking one goes on to its values), then tags, most
// used first. Used by the tag filter, the run's tag editor and bulk edits.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState, type ComponentProps } from "react";
import type { TagSuggestion } from "@/lib/domain/tag-suggestions";
import { fetchJson } from "@/lib/http/fetch-json";
import { queryKeys } from "@/lib/query-keys";
import { Combobox, type ComboboxOption } from "@/components/ui/combobox";

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const runs = (n: number) => `${n.toLocaleString("en")} run${n === 1 ? "" : "s"}`;

type Props = Pick<ComponentProps<typeof Combobox>, "label" | "labelClassName" | "className" | "inputProps" | "inputClassName"> & {
  value: string;
  onValueChange: (text: string) => void;
  /** A tag was picked from the list or typed and Enter pressed. */
  onSubmit: (tag: string) => void;
  /** What the list says when nothing starts like the typed text. */
  noMatchText: string;
};

export function TagCombobox({ value, onValueChange, onSubmit, noMatchText, ...rest }: Props) {
  const [open, setOpen] = useState(false);
  const prefix = useDebounced(value, 120);
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
        {s.kind === "key" ? (
          <>
            {s.value}
            <span className="text-zinc-400">…</span>
          </>
        ) : (
          s.value
        )}
        {s.system ? <span className="ml-2 font-sans text-[11px] text-zinc-500 dark:text-zinc-400">system tag</span> : null}
      </span>
    ),
    hint: runs(s.runCount),
  }));
  return (
    <Combobox
      {...rest}
      value={value}
      onValueChange={onValueChange}
      onOpen={() => setOpen(true)}
      options={options}
      onPick={(o) => {
        if (o.key.startsWith("key:")) {
          onValueChange(o.value);
          return true;
        }
        onSubmit(o.value);
      }}
      onSubmitText={onSubmit}
      emptyText={suggestions.isError ? suggestions.error.message : suggestions.isFetching ? "Looking…" : value ? noMatchText : "No tags yet"}
    />
  );
}
