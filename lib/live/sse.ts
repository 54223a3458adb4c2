import "server-only";
// The server-sent-events stream behind GET /api/v1/events: the changes that
// matter to one namespace, a heartbeat comment every 15 s so proxies keep the
// connection open, and a retry hint for the browser's reconnect.
import type { Namespace } from "../domain/namespace";
import type { LiveMessage, Listener, Subscription } from "./subscribe";
import { coalesceTaskChanges, TASK_CHANGES_EVERY_MS } from "./coalesce";

export const HEARTBEAT_MS = 15_000;
const RETRY_MS = 2_000;

/**
 * New runs outside the namespace are dropped here. Other changes go through:
 * the browser knows which runs it shows, and a tag change may move a run into
 * the namespace.
 */
export function mattersTo(namespace: Namespace, message: LiveMessage): boolean {
  if (message.kind !== "run_created" || namespace.kind === "global" || !message.tags) return true;
  return message.tags.includes(namespace.tag);
}

export function changeStreamResponse(options: {
  namespace: Namespace;
  signal: AbortSignal;
  subscribe: (listener: Listener) => Subscription;
  heartbeatMs?: number;
  /** Task changes of a run are sent at most once per this many ms (lib/live/coalesce.ts). */
  taskChangesEveryMs?: number;
  /** Called once when the stream ends, however it ends. */
  onClose?: () => void;
}): Response {
  const { namespace, signal, subscribe, heartbeatMs = HEARTBEAT_MS, taskChangesEveryMs = TASK_CHANGES_EVERY_MS, onClose } = options;
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup(); // the stream is already closed
        }
      };
      const changes = coalesceTaskChanges((message) => send(`event: change\ndata: ${JSON.stringify(message)}\n\n`), taskChangesEveryMs);
      const subscription = subscribe((message) => {
        if (mattersTo(namespace, message)) changes.push(message);
      });
      const heartbeat = setInterval(() => send(`: heartbeat ${Date.now()}\n\n`), heartbeatMs);
      let closed = false;
      cleanup = () => {
        if (closed) return;
        closed = true;
        onClose?.();
        clearInterval(heartbeat);
        changes.close();
        subscription.close();
        signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      signal.addEventListener("abort", cleanup);
      if (signal.aborted) return cleanup(); // gone before we began: "abort" has fired already
      // "ready" once changes from now on will be heard.
      void subscription.ready.then(() => send(`retry: ${RETRY_MS}\nevent: ready\ndata: {}\n\n`));
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression from buffering the stream.
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
