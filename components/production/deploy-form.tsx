"use client";
// Deploy a flow that is not on the screen yet (or again, after retirement).
// The form keeps what was typed when the deployment is refused.
import { useActionState } from "react";
import { deployFlowAction, type ProductionActionResult } from "@/lib/actions/production-actions";
import { FieldError, FormStatus, INPUT, PRIMARY } from "./form-parts";

export function DeployForm({ user }: { user: string }) {
  const [state, action, pending] = useActionState<ProductionActionResult | null, FormData>(deployFlowAction, null);
  const typed = state?.ok ? {} : (state?.values ?? {});
  return (
    <form action={action} aria-label="Deploy a flow" className="max-w-xl space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 className="font-semibold">Deploy a flow to production</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        You deploy as <strong>{user}</strong>. The first deployment of a flow creates its token and its namespace.
      </p>
      <div>
        <label htmlFor="deploy-flow" className="text-sm font-medium">
          Flow
        </label>
        <input
          id="deploy-flow"
          name="flow"
          className={INPUT}
          placeholder="PredictionFlow"
          defaultValue={typed.flow}
          key={`f${typed.flow}`}
          aria-invalid={!!state?.fieldErrors?.flow}
          aria-describedby={state?.fieldErrors?.flow ? "deploy-flow-error" : undefined}
        />
        <FieldError id="deploy-flow-error" message={state?.fieldErrors?.flow} />
      </div>
      <div>
        <label htmlFor="deploy-token" className="text-sm font-medium">
          Production token, if someone else deployed it (--authorize)
        </label>
        <input
          id="deploy-token"
          name="authorizeToken"
          className={`${INPUT} font-mono`}
          autoComplete="off"
          defaultValue={typed.authorizeToken}
          key={`t${typed.authorizeToken}`}
          aria-invalid={!!state?.fieldErrors?.authorizeToken}
        />
        <FieldError message={state?.fieldErrors?.authorizeToken} />
      </div>
      <button type="submit" disabled={pending} className={PRIMARY}>
        {pending ? "Deploying…" : "Deploy"}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
