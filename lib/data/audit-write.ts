import "server-only";
// Appends to the audit history inside the caller's transaction, so an event
// is recorded exactly when its change commits. Nothing here ever deletes.
import type { Tx } from "../db";

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

export async function recordAuditEvents(tx: Tx, events: AuditEventInput[]): Promise<void> {
  if (!events.length) return;
  const created = await tx.auditEvent.createManyAndReturn({
    data: events.map((e) => ({
      ts: e.ts, actor: e.actor, source: e.source, kind: e.kind, subject: e.subject, runId: e.runId ?? null,
      added: JSON.stringify(e.added ?? []), removed: JSON.stringify(e.removed ?? []),
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })),
    select: { id: true },
  });
  // Ids are handed out in insertion order; RETURNING's own order is not promised (SQLite).
  created.sort((a, b) => a.id - b.id);
  const tags = created.flatMap(({ id }, i) => {
    const e = events[i];
    return [...new Set([...(e.added ?? []), ...(e.removed ?? [])])].map((tag) => ({ eventId: id, tag, ts: e.ts }));
  });
  if (tags.length) await tx.auditEventTag.createMany({ data: tags });
}
