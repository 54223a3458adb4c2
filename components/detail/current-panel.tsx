"use client";
// What Metaflow's `current` gave inside the task, each value copyable.
import { useState } from "react";
import type { FullTaskCurrent } from "@/lib/domain/task";

function show(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (Array.isArray(v)) return v.join(", ");
  return String(v);
}

export function CurrentPanel({ current }: { current: FullTaskCurrent }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (k: string, v: string) => {
    try {
      await navigator.clipboard.writeText(v);
      setCopied(k);
      setTimeout(() => setCopied((c) => (c === k ? null : c)), 1500);
    } catch {
      setCopied(null);
    }
  };
  return (
    <section aria-labelledby="current-heading" className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 id="current-heading" className="text-lg font-semibold">
        <code>current</code>
      </h2>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        What <code>from metaflow import current</code> gave inside this task.
      </p>
      <dl className="grid grid-cols-[max-content_1fr_auto] items-center gap-x-4 gap-y-1 font-mono text-sm" aria-label="current">
        {Object.entries(current).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-zinc-500 dark:text-zinc-400">{k}</dt>
            <dd className="break-all" data-current={k}>
              {show(v)}
            </dd>
            <dd>
              <button
                type="button"
                onClick={() => copy(k, show(v))}
                aria-label={`Copy ${k}`}
                className="rounded px-1.5 py-0.5 font-sans text-xs text-sky-700 hover:bg-sky-50 dark:text-sky-300 dark:hover:bg-sky-950"
              >
                {copied === k ? "Copied" : "Copy"}
              </button>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
