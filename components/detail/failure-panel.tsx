import Link from "next/link";
import type { FailureReason } from "@/lib/domain/failure";
import { formatTime } from "@/components/ui/format";
import { taskHref } from "./api";

/** Why the run failed, first thing on its page. */
export function FailurePanel({ failure, flow, run, namespace }: { failure: FailureReason; flow: string; run: string; namespace: string }) {
  if (!failure) return null;
  return (
    <section aria-labelledby="why-failed" className="rounded-lg border border-rose-300 bg-rose-50 p-4 dark:border-rose-800 dark:bg-rose-950/40">
      <h2 id="why-failed" className="text-lg font-semibold text-rose-900 dark:text-rose-200">
        Why it failed
      </h2>
      {failure.kind === "task_failed" ? (
        <>
          <p className="mt-1 text-sm">
            Step <span className="font-mono font-semibold">{failure.task.step}</span> failed in task{" "}
            <Link
              className="font-mono text-sky-700 underline hover:no-underline dark:text-sky-300"
              href={`${taskHref(flow, run, failure.task.step, failure.task.task, namespace)}&stream=stderr`}
            >
              {failure.task.pathspec}
            </Link>
            {failure.task.attempt > 0 ? ` (attempt ${failure.task.attempt})` : ""}
            {failure.more ? ` and ${failure.more} more ${failure.more === 1 ? "task" : "tasks"}` : ""}. The end of its stderr:
          </p>
          {failure.task.stderrTail.length ? (
            <pre className="mt-2 overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100" aria-label="Last lines of stderr">
              {failure.task.stderrTail.join("\n")}
            </pre>
          ) : (
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Its stderr is empty or not readable here.</p>
          )}
        </>
      ) : (
        <p className="mt-1 text-sm">
          The run died:{" "}
          {failure.lastHeartbeatTs !== null ? (
            <>
              no heartbeat since <time dateTime={new Date(failure.lastHeartbeatTs * 1000).toISOString()}>{formatTime(failure.lastHeartbeatTs * 1000)}</time>
            </>
          ) : (
            "no heartbeat ever recorded"
          )}
          {failure.endStepReached ? ", and its end step never finished" : ", no end step"}. No task reported a failure: the process running it stopped (killed,
          out of memory, machine lost).
        </p>
      )}
    </section>
  );
}
