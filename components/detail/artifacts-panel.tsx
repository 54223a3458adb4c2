"use client";
// The task's artifacts: name, type, size, sha and location; opening one reads
// a preview of its value from the datastore (basic Python values only).
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { TaskArtifactRow } from "@/lib/data/task-detail-read";
import type { PicklePreview } from "@/lib/domain/pickle-preview";
import { fetchJson } from "@/lib/http/fetch-json";
import { queryKeys } from "@/lib/query-keys";
import { taskApi } from "./api";

type Spec = { flow: string; run: string; step: string; task: string };

function size(n: number | null): string {
  if (n === null) return "—";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function Preview({ spec, name, attempt, namespace }: { spec: Spec; name: string; attempt: number; namespace: string }) {
  const pathspec = `${spec.flow}/${spec.run}/${spec.step}/${spec.task}`;
  const q = useQuery({
    queryKey: queryKeys.tasks.artifact(pathspec, name, attempt),
    queryFn: () => fetchJson<{ preview: PicklePreview }>(taskApi(spec, `/artifacts/${encodeURIComponent(name)}`, namespace, { attempt })),
  });
  if (q.isPending) return <p className="text-sm text-zinc-500">Reading {name}…</p>;
  if (q.isError)
    return (
      <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
        {q.error.message}
      </p>
    );
  const p = q.data.preview;
  if (!p.previewable)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="artifact-preview">
        {p.reason}
      </p>
    );
  return (
    <div data-testid="artifact-preview">
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Python value of type <code>{p.type}</code>
        {p.truncated ? " (cut: too long to show whole)" : ""}
      </p>
      <pre className="mt-1 max-h-80 overflow-auto rounded-md bg-zinc-100 p-3 font-mono text-xs whitespace-pre-wrap dark:bg-zinc-900">{p.repr}</pre>
    </div>
  );
}

export function ArtifactsPanel({
  spec,
  namespace,
  attempt,
  artifacts,
  datastore,
}: {
  spec: Spec;
  namespace: string;
  attempt: number;
  artifacts: TaskArtifactRow[];
  datastore: { readable: boolean; reason: string | null };
}) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="artifacts-heading" className="space-y-2">
      <h2 id="artifacts-heading" className="text-lg font-semibold">
        Artifacts{" "}
        <span className="text-sm font-normal text-zinc-500">
          ({artifacts.length}, attempt {attempt})
        </span>
      </h2>
      {!datastore.readable ? <p className="text-sm text-amber-800 dark:text-amber-300">{datastore.reason}</p> : null}
      {artifacts.length ? (
        <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="Artifacts">
          {artifacts.map((a) => (
            <li key={a.name} className="px-3 py-2">
              <button
                type="button"
                aria-expanded={open === a.name}
                onClick={() => setOpen(open === a.name ? null : a.name)}
                className="grid w-full grid-cols-[1fr_auto] gap-x-3 text-left text-sm sm:grid-cols-[minmax(8rem,1fr)_10rem_5rem_8rem]"
              >
                <span className="font-mono font-semibold text-sky-700 dark:text-sky-300">{a.name}</span>
                <span className="hidden truncate text-zinc-600 sm:inline dark:text-zinc-400">{a.type}</span>
                <span className="text-right tabular-nums text-zinc-600 dark:text-zinc-400">{size(a.sizeBytes)}</span>
                <span className="hidden truncate font-mono text-xs text-zinc-500 sm:inline" title={a.sha}>
                  {a.sha.slice(0, 12)}
                </span>
              </button>
              {open === a.name ? (
                <div className="mt-2 space-y-2">
                  <p className="font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">{a.location}</p>
                  <Preview spec={spec} name={a.name} attempt={a.attempt} namespace={namespace} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">This attempt recorded no artifacts.</p>
      )}
    </section>
  );
}
