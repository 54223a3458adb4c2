"use client";
// A list of saved views; your own can be renamed and deleted in place.
import Link from "next/link";
import { useActionState, useState } from "react";
import { deleteViewAction, renameViewAction, type ViewActionResult } from "@/lib/actions/view-actions";
import type { SavedViewRow } from "@/lib/data/saved-views";

function describe(query: string): string {
  const q = new URLSearchParams(query);
  const parts = [q.get("namespace") ?? "your namespace"];
  for (const [k, v] of q) if (k !== "namespace") parts.push(`${k} ${v}`);
  return parts.join(" · ");
}

export function ViewsList({ title, views, editable, empty }: { title: string; views: SavedViewRow[]; editable?: boolean; empty: string }) {
  return (
    <section aria-labelledby={`views-${title}`} className="space-y-2">
      <h2 id={`views-${title}`} className="text-lg font-semibold">
        {title}
      </h2>
      {views.length ? (
        <ul aria-label={title} className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {views.map((v) => (
            <ViewItem key={v.id} view={v} editable={!!editable} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>
      )}
    </section>
  );
}

function ViewItem({ view, editable }: { view: SavedViewRow; editable: boolean }) {
  const [renaming, setRenaming] = useState(false);
  const [renamed, rename, renamingNow] = useActionState<ViewActionResult | null, FormData>(async (prev, form) => {
    const r = await renameViewAction(prev, form);
    if (r.ok) setRenaming(false);
    return r;
  }, null);
  const [deleted, remove, deleting] = useActionState<ViewActionResult | null, FormData>(deleteViewAction, null);
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 px-4 py-2.5 text-sm">
      <div className="min-w-0">
        {renaming ? (
          <form action={rename} className="flex items-center gap-2">
            <input type="hidden" name="id" value={view.id} />
            <label htmlFor={`rename-${view.id}`} className="sr-only">
              New name for {view.name}
            </label>
            <input
              id={`rename-${view.id}`}
              name="name"
              defaultValue={view.name}
              autoFocus
              required
              className="w-48 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
            />
            <button type="submit" disabled={renamingNow} className="font-medium text-sky-700 hover:underline dark:text-sky-300">
              Save name
            </button>
            <button type="button" onClick={() => setRenaming(false)} className="text-zinc-600 hover:underline dark:text-zinc-400">
              Cancel
            </button>
          </form>
        ) : (
          <Link href={`/views/${view.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-300">
            {view.name}
          </Link>
        )}
        <p className="truncate font-mono text-xs text-zinc-600 dark:text-zinc-400">
          {describe(view.query)}
          {editable ? null : ` — by ${view.userName}`}
        </p>
        {renamed && !renamed.ok ? (
          <p role="alert" className="text-rose-700 dark:text-rose-300">
            {renamed.error}
          </p>
        ) : null}
        {deleted && !deleted.ok ? (
          <p role="alert" className="text-rose-700 dark:text-rose-300">
            {deleted.error}
          </p>
        ) : null}
      </div>
      {editable && !renaming ? (
        <div className="flex gap-3">
          <button
            type="button"
            onClick={() => setRenaming(true)}
            aria-label={`Rename ${view.name}`}
            className="text-zinc-700 hover:underline dark:text-zinc-300"
          >
            Rename
          </button>
          <form action={remove}>
            <input type="hidden" name="id" value={view.id} />
            <button type="submit" disabled={deleting} aria-label={`Delete ${view.name}`} className="text-rose-700 hover:underline dark:text-rose-300">
              Delete
            </button>
          </form>
        </div>
      ) : null}
    </li>
  );
}
