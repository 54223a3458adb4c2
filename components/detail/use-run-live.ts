"use client";
// Keeps a run's views fresh while it goes on: a change to this run (a new
// task, a status) refetches its DAG, timeline and tasks and refreshes the
// server-rendered parts; a gap in the stream refetches everything.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { queryKeys } from "@/lib/query-keys";
import { useChangeStream, type LiveState } from "@/components/runs/use-change-stream";

const MIN_GAP_MS = 1000;

export function useRunLive(namespace: string, flow: string, run: string, runDbId: number, enabled: boolean): LiveState | "off" {
  const client = useQueryClient();
  const router = useRouter();
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refresh = () => {
    // Many tasks start at once in a foreach: refresh at most once a second.
    if (pending.current) return;
    const wait = Math.max(0, last.current + MIN_GAP_MS - Date.now());
    pending.current = setTimeout(() => {
      pending.current = undefined;
      last.current = Date.now();
      void client.invalidateQueries({ queryKey: queryKeys.run.of(flow, run) });
      void client.invalidateQueries({ queryKey: queryKeys.tasks.all });
      router.refresh();
    }, wait);
  };
  const state = useChangeStream(enabled ? namespace : "global", (m) => {
    if (enabled && m.runDbId === runDbId && (m.kind === "task_created" || m.kind === "run_updated")) refresh();
  }, () => enabled && refresh());
  return enabled ? state : "off";
}
