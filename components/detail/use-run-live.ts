"use client";
// Keeps a run's views fresh while it goes on, through the change stream. A
// change of its tasks (tasks_changed, coalesced per run on the server)
// refetches the run's DAG, timeline and task tables (queryKeys.run.of) and
// refreshes the server-rendered parts that show those tasks: the run page's
// steps, the step page when one of its tasks changed, the task page when it
// did. A run status change refreshes everything; so does a gap in the stream.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { queryKeys } from "@/lib/query-keys";
import { useChangeStream, type ChangeMessage, type LiveState } from "@/components/runs/use-change-stream";
import { reportLiveState } from "./live-fallback";

const MIN_GAP_MS = 1000;

/** What the page shows: the whole run, one step of it, or one task. */
export type LiveScope = { step?: string; task?: string };

function showsChangeOf(scope: LiveScope, m: ChangeMessage): boolean {
  if (!m.tasks) return true;
  return m.tasks.some((t) => (scope.step === undefined || t.step === scope.step) && (scope.task === undefined || t.task === scope.task));
}

export function useRunLive(namespace: string, flow: string, run: string, runDbId: number, scope: LiveScope = {}): LiveState {
  const client = useQueryClient();
  const router = useRouter();
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const wanted = useRef({ views: false, page: false });
  useEffect(() => () => clearTimeout(pending.current), []);
  // Many tasks change at once in a foreach: refresh at most once a second.
  const refresh = (views: boolean, page: boolean) => {
    wanted.current = { views: wanted.current.views || views, page: wanted.current.page || page };
    if (pending.current) return;
    pending.current = setTimeout(
      () => {
        const w = wanted.current;
        pending.current = undefined;
        wanted.current = { views: false, page: false };
        last.current = Date.now();
        if (w.views) void client.invalidateQueries({ queryKey: queryKeys.run.of(flow, run) });
        if (w.page) router.refresh();
      },
      Math.max(0, last.current + MIN_GAP_MS - Date.now()),
    );
  };
  const state = useChangeStream(
    namespace,
    (m) => {
      if (m.runDbId !== runDbId) return;
      if (m.kind === "run_updated") refresh(true, true);
      else if (m.kind === "tasks_changed") refresh(true, showsChangeOf(scope, m));
    },
    () => refresh(true, true),
  );
  useEffect(() => {
    reportLiveState(state);
    return () => reportLiveState("off");
  }, [state]);
  return state;
}
