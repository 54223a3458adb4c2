import "server-only";
// Appends to the audit history inside the caller's transaction, so an event
// is recorded exactly when its change commits. Nothing here ever deletes.
import type { Tx } from "../db";
import { insertJsonRows, insertJsonRowsReturningIds, type Dialect, type JsonColumn } from "./dialect";

export type AuditEventInput = {
  ts: number;
  actor: string;
  source: string;
  kind: string;
  subject: string;
  runId?: number | null;
  added?: string[];
  removed?: string[];
  detail?: Record<string, unknown>;
};

const EVENT_COLUMNS: JsonColumn[] = [
  { name: "ts", type: "float" }, { name: "actor", type: "text" }, { name: "source", type: "text" }, { name: "kind", type: "text" },
  { name: "subject", type: "text" }, { name: "run_id", type: "int" }, { name: "added", type: "text" },
  { name: "removed", type: "text" }, { name: "detail", type: "text" },
];
const TAG_COLUMNS: JsonColumn[] = [{ name: "event_id", type: "int" }, { name: "tag", type: "text" }, { name: "ts", type: "float" }];

export async function recordAuditEvents(tx: Tx, dialect: Dialect, events: AuditEventInput[]): Promise<void> {
  const ids = await insertJsonRowsReturningIds(tx, dialect, "audit_events", EVENT_COLUMNS,
    events.map((e) => [e.ts, e.actor, e.source, e.kind, e.subject, e.runId ?? null, JSON.stringify(e.added ?? []),
      JSON.stringify(e.removed ?? []), e.detail ? JSON.stringify(e.detail) : null]));
  const tags = ids.flatMap((id, i) => {
    const e = events[i];
    return [...new Set([...(e.added ?? []), ...(e.removed ?? [])])].map((tag) => [id, tag, e.ts]);
  });
  await insertJsonRows(tx, dialect, "audit_event_tags", TAG_COLUMNS, tags);
}
