import "server-only";
// Announces changes to live views. On SQLite (one instance) an in-process bus;
// on PostgreSQL a NOTIFY so every instance hears it.
import { EventEmitter } from "node:events";
import { dialectOf, type Db } from "../db";

export type ChangeEvent = {
  kind: "run_created" | "run_updated" | "tags_changed";
  flow: string;
  runNumber: number;
  runDbId: number;
  tags?: string[];
};
/** A task started, or its attempt or verdict changed; the stream coalesces these per run (lib/live/coalesce.ts). */
export type TaskChangeEvent = {
  kind: "task_created" | "task_updated";
  flow: string;
  runNumber: number;
  runDbId: number;
  step: string;
  /** The task's key: its name, else its id. */
  task: string;
};
export type WriterEvent = ChangeEvent | TaskChangeEvent | BulkTagsChanged;
/** A bulk tag edit: the runs of one batch (at most a few hundred ids, well within a notification). */
export type BulkTagsChanged = { kind: "tags_changed_many"; runDbIds: number[] };

export const CHANNEL = "flowdeck_changes";
// On globalThis: Next's bundle and the custom server each load their own copy of this module.
const g = globalThis as unknown as { __flowdeckBus?: EventEmitter; __flowdeckNotifying?: Set<Promise<void>> };

export function localBus(): EventEmitter {
  if (!g.__flowdeckBus) {
    g.__flowdeckBus = new EventEmitter();
    g.__flowdeckBus.setMaxListeners(0);
  }
  return g.__flowdeckBus;
}

/** SQLite: one instance serves the database, so its listeners hear changes in-process. */
export function announceLocally(event: WriterEvent): void {
  localBus().emit("change", event);
}

export function publishChange(db: Db, event: ChangeEvent | BulkTagsChanged): void {
  if (dialectOf(db) === "sqlite") return announceLocally(event);
  const notifying = (g.__flowdeckNotifying ??= new Set());
  const sent: Promise<void> = db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${notifyPayload(event)})`
    .then(
      () => undefined,
      (e) => console.error("flowdeck: could not announce a change", e),
    )
    .finally(() => notifying.delete(sent));
  notifying.add(sent);
}

/**
 * Resolves once every NOTIFY sent so far has been answered. A change is
 * answered to its client before its NOTIFY is: shutting down waits for this
 * before it closes the database, or the other instances would never hear it.
 */
export async function announcementsSent(): Promise<void> {
  await Promise.all(g.__flowdeckNotifying ?? []);
}

// NOTIFY payloads must stay under 8000 bytes; 50 long tags would not. Without
// tags, listeners treat a new run as possibly relevant and refetch.
export const MAX_NOTIFY_BYTES = 7900;
function notifyPayload(event: ChangeEvent | BulkTagsChanged): string {
  const full = JSON.stringify(event);
  if (Buffer.byteLength(full) <= MAX_NOTIFY_BYTES || event.kind === "tags_changed_many") return full;
  const { tags: _dropped, ...rest } = event;
  return JSON.stringify(rest);
}
