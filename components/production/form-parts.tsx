// Small pieces the production forms share.
import type { ProductionActionResult } from "@/lib/actions/production-actions";

export const INPUT = "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";
export const PRIMARY = "rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900";
export const SECONDARY =
  "rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-900";
export const DANGER =
  "rounded-md border border-rose-300 px-3 py-1.5 text-sm font-medium text-rose-800 hover:bg-rose-50 disabled:opacity-50 dark:border-rose-800 dark:text-rose-200 dark:hover:bg-rose-950";

export function FieldError({ id, message }: { id?: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 text-sm text-rose-700 dark:text-rose-300">
      {message}
    </p>
  ) : null;
}

/** What the last action did, or why it was refused. */
export function FormStatus({ state }: { state: ProductionActionResult | null }) {
  return (
    <p role="status" aria-live="polite" className="text-sm">
      {state?.ok ? <span className="text-emerald-700 dark:text-emerald-300">{state.message}</span> : null}
      {state && !state.ok && !state.fieldErrors ? <span className="text-rose-700 dark:text-rose-300">{state.error}</span> : null}
    </p>
  );
}
