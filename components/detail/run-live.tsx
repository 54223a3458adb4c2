"use client";
import { useRunLive } from "./use-run-live";

/** Mounted only while the run (or the page's task) goes on: refreshes the page's views as it changes. */
export function RunLive({
  namespace,
  flow,
  run,
  runDbId,
  step,
  task,
}: {
  namespace: string;
  flow: string;
  run: string;
  runDbId: number;
  step?: string;
  task?: string;
}) {
  const state = useRunLive(namespace, flow, run, runDbId, { step, task });
  return (
    <span className="text-xs text-zinc-500 dark:text-zinc-400" aria-live="polite" data-live={state}>
      {state === "live" ? "Live: updates as the run goes on" : state === "reconnecting" ? "Reconnecting…" : "Connecting…"}
    </span>
  );
}
