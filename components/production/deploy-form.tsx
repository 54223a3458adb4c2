"use client";
import { useActionState } from "react";
import { deployFlowAction, type DeployActionResult } from "@/lib/actions/production-actions";

const input =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function DeployForm({ user }: { user: string }) {
  const [state, action, pending] = useActionState<DeployActionResult | null, FormData>(deployFlowAction, null);
  return (
    <form action={action} className="max-w-xl space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 className="font-semibold">Deploy to production</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        You deploy as <strong>{user}</strong>.
      </p>
      <div>
        <label htmlFor="deploy-flow" className="text-sm font-medium">Flow</label>
        <input id="deploy-flow" name="flow" className={input} placeholder="PredictionFlow" aria-invalid={!!state?.fieldErrors?.flow}
          aria-describedby={state?.fieldErrors?.flow ? "deploy-flow-error" : undefined} />
        {state?.fieldErrors?.flow ? <p id="deploy-flow-error" className="mt-1 text-sm text-rose-700 dark:text-rose-300">{state.fieldErrors.flow}</p> : null}
      </div>
      <div>
        <label htmlFor="deploy-token" className="text-sm font-medium">Production token (--authorize), if you are not authorized yet</label>
        <input id="deploy-token" name="authorizeToken" className={`${input} font-mono`} autoComplete="off"
          aria-invalid={!!state?.fieldErrors?.authorizeToken} />
        {state?.fieldErrors?.authorizeToken ? <p className="mt-1 text-sm text-rose-700 dark:text-rose-300">{state.fieldErrors.authorizeToken}</p> : null}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="generateNewToken" /> Generate a new token (--generate-new-token)
      </label>
      <button type="submit" disabled={pending}
        className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900">
        {pending ? "Deploying…" : "Deploy"}
      </button>
      <p role="status" aria-live="polite" className="text-sm">
        {state?.ok ? <span className="text-emerald-700 dark:text-emerald-300">{state.message}</span> : null}
        {state && !state.ok && !state.fieldErrors ? <span className="text-rose-700 dark:text-rose-300">{state.error}</span> : null}
      </p>
    </form>
  );
}
