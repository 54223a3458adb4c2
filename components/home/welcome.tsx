"use client";
// The first page of a newcomer whom Flowdeck does not know yet (no
// FLOWDECK_USER, no choice made, only the server's OS user to go by): who it
// thinks you are, why that namespace is empty, and one click to say who you are.
import { useActionState } from "react";
import { switchUserAction, type SwitchUserResult } from "@/lib/actions/identity-actions";

type Props = { guessed: string; isRoot: boolean; users: { name: string; runCount: number }[] };

const BUTTON =
  "rounded-md border border-sky-300 bg-white px-3 py-1.5 text-sm font-medium text-sky-800 hover:bg-sky-50 dark:border-sky-700 dark:bg-zinc-900 dark:text-sky-200 dark:hover:bg-sky-950";

export function Welcome({ guessed, isRoot, users }: Props) {
  const [state, action, pending] = useActionState<SwitchUserResult | null, FormData>(switchUserAction, null);
  return (
    <section aria-labelledby="welcome-heading" className="rounded-lg border border-sky-200 bg-sky-50/70 p-5 dark:border-sky-900 dark:bg-sky-950/30">
      <h2 id="welcome-heading" className="text-xl font-semibold">
        Welcome to Flowdeck
      </h2>
      <p className="mt-2 max-w-3xl text-sm text-zinc-700 dark:text-zinc-300">
        Flowdeck takes you to be <strong>{guessed}</strong>, the operating-system user it runs as, and would show your own namespace,{" "}
        <code>user:{guessed}</code>. {isRoot ? <>It is empty: Metaflow never records runs as root.</> : <>Nobody named {guessed} has recorded runs here yet.</>}{" "}
        Who are you? (Set <code>FLOWDECK_USER</code> to skip this question.)
      </p>
      <form action={action} aria-label="Who are you?" className="mt-4 flex flex-wrap items-end gap-2">
        {users.map((u) => (
          <button key={u.name} type="submit" name="user" value={u.name} className={BUTTON} disabled={pending}>
            I am {u.name}{" "}
            <span className="font-normal text-zinc-500 dark:text-zinc-400">
              ({u.runCount} {u.runCount === 1 ? "run" : "runs"})
            </span>
          </button>
        ))}
      </form>
      <form action={action} className="mt-3 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="welcome-user" className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
            {users.length ? "Someone else" : "Your name"}
          </label>
          <input
            id="welcome-user"
            name="user"
            required
            placeholder="user name"
            aria-invalid={!!state?.fieldErrors?.user}
            className="mt-1 w-48 rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
        </div>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
        >
          Continue
        </button>
        {state?.error ? (
          <p role="alert" className="w-full text-sm text-rose-700 dark:text-rose-300">
            {state.error}
          </p>
        ) : null}
      </form>
      <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
        Meanwhile, here are the newest runs of everyone, in the Global namespace. Your namespace has not been switched.
      </p>
    </section>
  );
}
