"use client";
// "Go to pathspec": Flow/run[/step[/task]] opens the run page (a step or task
// anchored), keeping the namespace of the current URL. As you type it suggests
// flows (any case), then, after "Flow/", that flow's runs (GET /api/v1/pathspecs);
// Enter on a suggestion opens it, Enter on the text resolves it. Before
// hydration the form falls back to GET /go (app/go/page.tsx) with the same fields.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useId, useState } from "react";
import { isUserError } from "@/lib/errors";
import { pathspecTarget } from "@/components/ui/links";
import { fetchJson } from "@/lib/http/fetch-json";
import { queryKeys } from "@/lib/query-keys";
import { Combobox, type ComboboxOption } from "@/components/ui/combobox";
import type { PathspecSuggestion } from "@/lib/data/pathspec-suggestions";

const INPUT =
  "w-40 rounded-md border transition-[width] focus:w-60 border-zinc-300 bg-white px-2.5 py-1.5 font-mono text-sm placeholder:font-sans placeholder:text-zinc-400 focus:border-sky-600 focus:ring-2 focus:ring-sky-600/30 focus:outline-none aria-invalid:border-rose-500 dark:border-zinc-700 dark:bg-zinc-900";

function PathspecForm({ namespace }: { namespace: string | null }) {
  const router = useRouter();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const id = useId();

  const prefix = value.trim();
  const suggestions = useQuery({
    queryKey: queryKeys.pathspecs.suggestions(prefix, namespace),
    queryFn: () => {
      const q = new URLSearchParams({ prefix });
      if (namespace) q.set("namespace", namespace);
      return fetchJson<{ suggestions: PathspecSuggestion[] }>(`/api/v1/pathspecs?${q}`);
    },
    enabled: prefix !== "",
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  const options: ComboboxOption[] =
    prefix === ""
      ? []
      : (suggestions.data?.suggestions ?? []).map((s) => ({
          key: s.pathspec,
          value: s.pathspec,
          label: s.pathspec,
          group: s.kind === "flow" ? "Flows" : "Runs",
          hint: s.status,
        }));

  function open(href: string) {
    setError(null);
    setValue("");
    router.push(href);
  }

  async function submit(text: string) {
    setNote(null);
    try {
      pathspecTarget(text, namespace); // a malformed one is explained at once, without asking the server
    } catch (err) {
      return setError(isUserError(err) ? err.message : "That pathspec could not be opened.");
    }
    try {
      const q = new URLSearchParams({ pathspec: text });
      if (namespace) q.set("namespace", namespace);
      const found = await fetchJson<{ href: string; pathspec: string; corrected: boolean }>(`/api/v1/resolve?${q}`);
      if (found.corrected) setNote(`Opened ${found.pathspec} (you typed ${text.trim()})`);
      open(found.href);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <form
      role="search"
      aria-label="Go to pathspec"
      action="/go"
      className="relative"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(value);
      }}
    >
      {namespace ? <input type="hidden" name="namespace" value={namespace} /> : null}
      <Combobox
        label="Go to pathspec"
        value={value}
        onValueChange={(text) => {
          setValue(text);
          if (error) setError(null);
          if (note) setNote(null);
        }}
        options={options}
        onPick={(o) => {
          // A flow: its runs come next, after "/"; a run opens.
          if (!o.value.includes("/")) {
            setValue(o.value);
            return true;
          }
          setNote(null);
          open(pathspecTarget(o.value, namespace));
        }}
        onSubmitText={(text) => void submit(text)}
        emptyText={
          prefix === "" ? "Type a flow name, or Flow/run" : suggestions.isFetching ? "Looking…" : "No flow or run starts so; Enter opens what you typed"
        }
        inputClassName={INPUT}
        inputProps={{
          name: "pathspec",
          placeholder: "Go to pathspec…",
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? `${id}-error` : undefined,
        }}
      />
      {note ? (
        <p
          role="status"
          className="absolute top-full left-0 z-20 mt-1 w-80 rounded-md border border-sky-200 bg-white p-2 text-xs text-sky-800 shadow-lg dark:border-sky-800 dark:bg-zinc-900 dark:text-sky-200"
        >
          {note}
        </p>
      ) : null}
      {error ? (
        <p
          id={`${id}-error`}
          role="alert"
          className="absolute top-full left-0 z-20 mt-1 w-80 rounded-md border border-rose-200 bg-white p-2 text-xs text-rose-700 shadow-lg dark:border-rose-800 dark:bg-zinc-900 dark:text-rose-300"
        >
          {error}
        </p>
      ) : null}
    </form>
  );
}

function WithNamespace() {
  return <PathspecForm namespace={useSearchParams().get("namespace")} />;
}

export function GoToPathspec() {
  // useSearchParams needs a Suspense boundary on statically rendered pages.
  return (
    <Suspense fallback={<PathspecForm namespace={null} />}>
      <WithNamespace />
    </Suspense>
  );
}
