"use client";
// "Save view": name the runs list as it is (namespace and filters); the view
// then opens from its own URL, for you and the team.
import Link from "next/link";
import { useActionState, useState } from "react";
import { saveViewAction, type ViewActionResult } from "@/lib/actions/view-actions";

export function SaveView({ query }: { query: string }) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState<ViewActionResult | null, FormData>(saveViewAction, null);
  const saved = state?.ok ? state : null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {open && !saved ? (
        <form action={action} className="flex flex-wrap items-center gap-2">
          <input type="hidden" name="query" value={query} />
          <label htmlFor="view-name" className="sr-only">
            View name
          </label>
          <input
            id="view-name"
            name="name"
            autoFocus
            required
            placeholder="View name"
            defaultValue={state?.values?.name}
            aria-invalid={!!state?.fieldErrors?.name}
            className="w-48 rounded-md border border-zinc-300 bg-white px-2.5 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-zinc-900 px-3 py-1 font-medium text-white disabled:opacity-60 dark:bg-zinc-100 dark:text-zinc-900"
          >
            Save
          </button>
          <button type="button" onClick={() => setOpen(false)} className="text-zinc-600 hover:underline dark:text-zinc-400">
            Cancel
          </button>
          {state && !state.ok ? (
            <span role="alert" className="text-rose-700 dark:text-rose-300">
              {state.error}
            </span>
          ) : null}
        </form>
      ) : (
        <button
          type="button"
          onClick={() => setOpen(true)}
          className="rounded-md border border-zinc-300 px-3 py-1 font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          Save view
        </button>
      )}
      {saved ? (
        <span role="status" className="text-emerald-700 dark:text-emerald-300">
          {saved.message}{" "}
          <Link href={`/views/${saved.id}`} className="underline">
            Its link
          </Link>{" "}
          ·{" "}
          <Link href="/views" className="underline">
            All views
          </Link>
        </span>
      ) : null}
    </div>
  );
}
