"use client";
// "Go to pathspec": Flow/run[/step[/task]] opens the run page (a step or task
// anchored), keeping the namespace of the current URL. Before hydration the
// form falls back to GET /go (app/go/page.tsx) with the same fields.
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useId, useState, type FormEvent } from "react";
import { isUserError } from "@/lib/errors";
import { pathspecTarget } from "@/components/ui/links";
import { fetchJson } from "@/lib/http/fetch-json";

function PathspecForm({ namespace }: { namespace: string | null }) {
  const router = useRouter();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const id = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNote(null);
    try {
      pathspecTarget(value, namespace); // a malformed one is explained at once, without asking the server
    } catch (err) {
      return setError(isUserError(err) ? err.message : "That pathspec could not be opened.");
    }
    try {
      const q = new URLSearchParams({ pathspec: value });
      if (namespace) q.set("namespace", namespace);
      const found = await fetchJson<{ href: string; pathspec: string; corrected: boolean }>(`/api/v1/resolve?${q}`);
      if (found.corrected) setNote(`Opened ${found.pathspec} (you typed ${value.trim()})`);
      setError(null);
      setValue("");
      router.push(found.href);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <form role="search" aria-label="Go to pathspec" action="/go" onSubmit={submit} className="relative">
      <label htmlFor={id} className="sr-only">Go to pathspec</label>
      {namespace ? <input type="hidden" name="namespace" value={namespace} /> : null}
      <input
        id={id}
        name="pathspec"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          if (error) setError(null);
          if (note) setNote(null);
        }}
        placeholder="Go to pathspec…"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="w-40 rounded-md border transition-[width] focus:w-60 border-zinc-300 bg-white px-2.5 py-1.5 font-mono text-sm placeholder:font-sans placeholder:text-zinc-400 focus:border-sky-600 focus:ring-2 focus:ring-sky-600/30 focus:outline-none aria-invalid:border-rose-500 dark:border-zinc-700 dark:bg-zinc-900"
      />
      {note ? (
        <p role="status" className="absolute top-full left-0 z-20 mt-1 w-80 rounded-md border border-sky-200 bg-white p-2 text-xs text-sky-800 shadow-lg dark:border-sky-800 dark:bg-zinc-900 dark:text-sky-200">
          {note}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="absolute top-full left-0 z-20 mt-1 w-80 rounded-md border border-rose-200 bg-white p-2 text-xs text-rose-700 shadow-lg dark:border-rose-800 dark:bg-zinc-900 dark:text-rose-300">
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
