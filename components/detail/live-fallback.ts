"use client";
// While a run goes on its views update through the change stream (use-run-live.ts);
// they poll, slowly, only while that stream is down. The page's RunLive reports
// the stream's state here.
import { useSyncExternalStore } from "react";
import type { LiveState } from "@/components/runs/use-change-stream";

export const FALLBACK_POLL_MS = 15_000;

let state: LiveState | "off" = "off";
const listeners = new Set<() => void>();

export function reportLiveState(next: LiveState | "off"): void {
  if (next === state) return;
  state = next;
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

/** React Query's refetchInterval for a view of a run: none while the stream is live or the run is over. */
export function useFallbackPoll(running: boolean): number | false {
  const live = useSyncExternalStore(
    subscribe,
    () => state,
    () => "off" as const,
  );
  return running && live !== "live" ? FALLBACK_POLL_MS : false;
}
