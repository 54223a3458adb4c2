"use client";
// One EventSource on /api/v1/events for the namespace: every change message
// goes to `onChange`, and after any gap in the stream (a drop, a resync)
// `onGap` runs, since changes may have been missed. The browser reconnects by
// itself after a drop; when it gives up we reconnect with a growing delay.
import { useEffect, useRef, useState } from "react";

export type LiveState = "connecting" | "live" | "reconnecting";
/** The data of a `change` event (ChangeMessage in the OpenAPI document). */
export type ChangeMessage = { kind: string; runDbId?: number; runDbIds?: number[]; tasks?: { step: string; task: string }[] | null };

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;

export function useChangeStream(namespace: string, onChange: (m: ChangeMessage) => void, onGap: () => void): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const handlers = useRef({ onChange, onGap });
  useEffect(() => {
    handlers.current = { onChange, onGap };
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = RETRY_MIN_MS;
    let missed = false;
    const connect = () => {
      const es = new EventSource(`/api/v1/events?namespace=${encodeURIComponent(namespace)}`);
      source = es;
      es.addEventListener("ready", () => {
        setState("live");
        delay = RETRY_MIN_MS;
        if (missed) handlers.current.onGap();
        missed = false;
      });
      es.addEventListener("change", (e) => {
        let message: ChangeMessage;
        try {
          message = JSON.parse((e as MessageEvent<string>).data) as ChangeMessage;
        } catch {
          return; // not ours
        }
        if (message.kind === "resync") handlers.current.onGap();
        else handlers.current.onChange(message);
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
    };
  }, [namespace]);

  return state;
}

/** Whether a change message is about this run's tags. */
export function changesTagsOf(m: ChangeMessage, runDbId: number): boolean {
  return (m.kind === "tags_changed" && m.runDbId === runDbId) || (m.kind === "tags_changed_many" && !!m.runDbIds?.includes(runDbId));
}
