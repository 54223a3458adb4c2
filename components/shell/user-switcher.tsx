"use client";
import { useActionState, useState } from "react";
import { switchUserAction, type SwitchUserResult } from "@/lib/actions/identity-actions";

/** Shows who you are; in local mode lets you act as someone else. */
export function UserSwitcher({ user, canSwitch }: { user: string; canSwitch: boolean }) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState<SwitchUserResult | null, FormData>(async (prev, form) => {
    const result = await switchUserAction(prev, form);
    if (result.ok) setOpen(false);
    return result;
  }, null);
  if (!canSwitch || !open) {
    return (
      <div className="flex items-center gap-2 text-sm">
        <span className="text-zinc-500">You are</span>
        <span className="font-medium" data-testid="current-user">
          {user}
        </span>
        {canSwitch ? (
          <button type="button" onClick={() => setOpen(true)} className="text-sky-700 hover:underline dark:text-sky-300">
            Switch user
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <form action={action} className="flex items-center gap-2 text-sm">
      <label htmlFor="switch-user" className="text-zinc-500">
        Act as
      </label>
      <input
        id="switch-user"
        name="user"
        defaultValue={user}
        autoFocus
        className="w-28 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <button type="submit" disabled={pending} className="rounded-md bg-zinc-900 px-2 py-1 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900">
        Switch
      </button>
      <button type="button" onClick={() => setOpen(false)} className="text-zinc-500 hover:underline">
        Cancel
      </button>
      {state?.error ? (
        <span role="alert" className="text-rose-700 dark:text-rose-300">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
