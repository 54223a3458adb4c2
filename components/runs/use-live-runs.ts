"use client";
// Keeps the runs list live: an EventSource on /api/v1/events for the
// namespace; a new run, a tag change, or a change to a run on screen
// refetches the list (at most once a second). The browser reconnects by
// itself after a drop; when it gives up we reconnect with a growing delay,
// and after any gap we refetch, since changes may have been missed.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { queryKeys } from "@/lib/query-keys";

export type LiveState = "connecting" | "live" | "reconnecting";
type Message = { kind: string; runDbId?: number };

const THROTTLE_MS = 1000;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;

export function useLiveRuns(namespace: string, isVisible: (runDbId: number) => boolean): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  const visible = useRef(isVisible);
  useEffect(() => {
    visible.current = isVisible;
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let queued: ReturnType<typeof setTimeout> | undefined;
    let delay = RETRY_MIN_MS;
    let lastRefresh = 0;
    let missed = false;

    const refresh = () => {
      if (queued) return;
      queued = setTimeout(() => {
        queued = undefined;
        lastRefresh = Date.now();
        void queryClient.invalidateQueries({ queryKey: queryKeys.runs.all });
      }, Math.max(0, lastRefresh + THROTTLE_MS - Date.now()));
    };
    const matters = (m: Message) =>
      m.kind === "run_created" || m.kind === "tags_changed" || m.kind === "resync" ||
      (m.runDbId !== undefined && visible.current(m.runDbId));

    const connect = () => {
      const es = new EventSource(`/api/v1/events?namespace=${encodeURIComponent(namespace)}`);
      source = es;
      es.addEventListener("ready", () => {
        setState("live");
        delay = RETRY_MIN_MS;
        if (missed) refresh();
        missed = false;
      });
      es.addEventListener("change", (e) => {
        try {
          if (matters(JSON.parse((e as MessageEvent<string>).data) as Message)) refresh();
        } catch {
          /* not ours */
        }
      });
      es.onerror = () => {
        missed = true;
        setState("reconnecting");
        if (es.readyState === EventSource.CLOSED) {
          es.close();
          retry = setTimeout(connect, delay);
          delay = Math.min(delay * 2, RETRY_MAX_MS);
        }
      };
    };
    connect();
    return () => {
      source?.close();
      clearTimeout(retry);
      clearTimeout(queued);
    };
  }, [namespace, queryClient]);

  return state;
}
