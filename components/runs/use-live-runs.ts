"use client";
// Keeps the runs list live: a new run, a tag change, or a change to a run on
// screen refetches the list (at most once a second); so does any gap in the
// change stream.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { queryKeys } from "@/lib/query-keys";
import { useChangeStream, type ChangeMessage, type LiveState } from "./use-change-stream";

export type { LiveState };

const THROTTLE_MS = 1000;

export function useLiveRuns(namespace: string, isVisible: (runDbId: number) => boolean): LiveState {
  const queryClient = useQueryClient();
  const queued = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastRefresh = useRef(0);
  useEffect(() => () => clearTimeout(queued.current), []);

  const refresh = () => {
    if (queued.current) return;
    queued.current = setTimeout(
      () => {
        queued.current = undefined;
        lastRefresh.current = Date.now();
        void queryClient.invalidateQueries({ queryKey: queryKeys.runs.all });
      },
      Math.max(0, lastRefresh.current + THROTTLE_MS - Date.now()),
    );
  };
  const matters = (m: ChangeMessage) =>
    m.kind === "run_created" || m.kind === "tags_changed" || m.kind === "tags_changed_many" || (m.runDbId !== undefined && isVisible(m.runDbId));

  return useChangeStream(namespace, (m) => matters(m) && refresh(), refresh);
}
