"use client";
// What a person may do to one deployment. Authorized people: deploy again,
// generate a new token and retire (each confirmed in a dialog), grant and
// revoke. Anyone else: authorize with the current token (or, with
// FLOWDECK_PRODUCTION_GUARD=grants, ask for a grant).
import { useActionState, useId, useRef, type ReactNode } from "react";
import {
  deployFlowAction,
  grantDeployAccessAction,
  retireDeploymentAction,
  revokeDeployAccessAction,
  type ProductionActionResult,
} from "@/lib/actions/production-actions";
import type { ProductionGuard } from "@/lib/domain/deployment-policy";
import { DANGER, FieldError, FormStatus, INPUT, PRIMARY, SECONDARY } from "./form-parts";

type Props = {
  flow: string;
  namespace: string;
  runCount: number;
  authorized: string[];
  user: string;
  guard: ProductionGuard;
  retired: boolean;
  deployedBy: string;
};
type Action = (prev: ProductionActionResult | null, form: FormData) => Promise<ProductionActionResult>;

function useAction(action: Action) {
  return useActionState<ProductionActionResult | null, FormData>(action, null);
}

export function DeploymentActions(p: Props) {
  if (p.retired) {
    return <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">Retired: its runs stay browsable; deploying {p.flow} again starts a new namespace.</p>;
  }
  return p.authorized.includes(p.user) ? <AuthorizedActions {...p} /> : <AuthorizeWithToken {...p} />;
}

function AuthorizedActions({ flow, namespace, runCount, authorized }: Props) {
  const [deployed, deploy, deploying] = useAction(deployFlowAction);
  const [rotated, rotate, rotating] = useAction(deployFlowAction);
  const [granted, grant, granting] = useAction(grantDeployAccessAction);
  const [revoked, revoke] = useAction(revokeDeployAccessAction);
  const [retiredState, retire, retiring] = useAction(retireDeploymentAction);
  const typedGrant = granted?.ok ? "" : (granted?.values?.user ?? "");
  return (
    <div className="mt-4 space-y-3 rounded-md bg-zinc-50 p-3 dark:bg-zinc-900/60">
      <div className="flex flex-wrap items-center gap-2">
        <form action={deploy}>
          <input type="hidden" name="flow" value={flow} />
          <button type="submit" className={PRIMARY} disabled={deploying}>
            {deploying ? "Deploying…" : "Deploy"}
          </button>
        </form>
        <Confirm
          label="Generate new token"
          title={`Generate a new token for ${flow}?`}
          busy={rotating}
          action={rotate}
          flow={flow}
          confirm="Generate new token"
          fields={<input type="hidden" name="generateNewToken" value="yes" />}
        >
          New runs of {flow} will go to a new namespace, which starts empty.{" "}
          {runCount ? (
            <>
              The {runCount} {runCount === 1 ? "run" : "runs"} in <code>{namespace}</code> stay there and can still be browsed.{" "}
            </>
          ) : null}
          Whoever schedules {flow} needs the new token.
        </Confirm>
        <Confirm label="Retire" title={`Retire the deployment of ${flow}?`} busy={retiring} action={retire} flow={flow} confirm="Retire" danger>
          Retire a deployment made by mistake. It stays in the history, and its runs stay in <code>{namespace}</code>. Deploying {flow} again later starts a new
          token and namespace.
        </Confirm>
      </div>
      <FormStatus state={deployed} />
      <FormStatus state={rotated} />
      <FormStatus state={retiredState} />
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <form action={grant} className="flex items-end gap-2">
          <input type="hidden" name="flow" value={flow} />
          <div>
            <label htmlFor={`grant-${flow}`} className="text-sm font-medium">
              Grant to
            </label>
            <input
              id={`grant-${flow}`}
              name="user"
              className={INPUT}
              placeholder="user name"
              defaultValue={typedGrant}
              key={typedGrant}
              aria-invalid={!!granted?.fieldErrors?.user}
            />
          </div>
          <button type="submit" className={SECONDARY} disabled={granting}>
            Grant
          </button>
        </form>
        <ul aria-label={`Authorized for ${flow}`} className="flex flex-wrap gap-2 text-sm">
          {authorized.map((u) => (
            <li key={u}>
              <form action={revoke} className="inline-flex items-center gap-1.5 rounded border border-zinc-200 px-2 py-1 dark:border-zinc-700">
                <input type="hidden" name="flow" value={flow} />
                <input type="hidden" name="user" value={u} />
                <span>{u}</span>
                <button
                  type="submit"
                  aria-label={`Revoke ${u}`}
                  disabled={authorized.length === 1}
                  title={authorized.length === 1 ? "The last authorized person cannot be revoked" : `Revoke ${u}'s authorization`}
                  className="text-xs text-rose-700 hover:underline disabled:cursor-not-allowed disabled:text-zinc-400 dark:text-rose-300"
                >
                  Revoke
                </button>
              </form>
            </li>
          ))}
        </ul>
      </div>
      <FieldError message={granted?.fieldErrors?.user} />
      <FormStatus state={granted} />
      <FormStatus state={revoked} />
    </div>
  );
}

function AuthorizeWithToken({ flow, guard, deployedBy, user }: Props) {
  const [state, action, pending] = useAction(deployFlowAction);
  if (guard === "grants") {
    return (
      <p className="mt-4 rounded-md bg-zinc-50 p-3 text-sm dark:bg-zinc-900/60">
        You ({user}) are not authorized to deploy {flow}. This Flowdeck authorizes by grants only: ask {deployedBy} or another authorized person to grant you
        access.
      </p>
    );
  }
  const typed = state?.ok ? "" : (state?.values?.authorizeToken ?? "");
  return (
    <form action={action} aria-label={`Authorize with a token for ${flow}`} className="mt-4 space-y-2 rounded-md bg-zinc-50 p-3 dark:bg-zinc-900/60">
      <h3 className="text-sm font-medium">Authorize with a token</h3>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        You ({user}) are not authorized to deploy {flow}. Ask {deployedBy} for the current production token and present it once.
      </p>
      <input type="hidden" name="flow" value={flow} />
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={`token-${flow}`} className="text-sm font-medium">
            Production token
          </label>
          <input
            id={`token-${flow}`}
            name="authorizeToken"
            autoComplete="off"
            className={`${INPUT} font-mono`}
            defaultValue={typed}
            key={typed}
            aria-invalid={!!state?.fieldErrors?.authorizeToken}
          />
        </div>
        <button type="submit" className={PRIMARY} disabled={pending}>
          Deploy with this token
        </button>
      </div>
      <FieldError message={state?.fieldErrors?.authorizeToken} />
      <FormStatus state={state} />
    </form>
  );
}

/** A button that opens a confirmation dialog; confirming submits the action. */
function Confirm({
  label,
  title,
  children,
  confirm,
  action,
  flow,
  busy,
  danger,
  fields,
}: {
  label: string;
  title: string;
  children: ReactNode;
  confirm: string;
  action: (form: FormData) => void;
  flow: string;
  busy: boolean;
  danger?: boolean;
  fields?: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <button type="button" className={danger ? DANGER : SECONDARY} disabled={busy} onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto max-w-md rounded-lg border border-zinc-200 p-5 text-sm shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h3 id={titleId} className="text-base font-semibold">
          {title}
        </h3>
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">{children}</p>
        <form
          action={(form) => {
            dialog.current?.close();
            action(form);
          }}
          className="mt-4 flex justify-end gap-2"
        >
          <input type="hidden" name="flow" value={flow} />
          {fields}
          <button type="button" className={SECONDARY} onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" className={danger ? DANGER : PRIMARY}>
            {confirm}
          </button>
        </form>
      </dialog>
    </>
  );
}
