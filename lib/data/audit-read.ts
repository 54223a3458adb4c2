import "server-only";
// The audit history, newest first by the (ts, id) keyset: all of it, or one
// run's, one person's or one tag's, each read along its own index.
import type { Db } from "../db";
import { encodeCursor } from "../domain/run-filters";
import type { AuditFilters } from "../domain/audit-filters";
import { findRun } from "./resolve";
import { queryRows } from "./driver";
import { empty, join, parseJsonArray, Prisma, sql, toNullableNumber, toNumber } from "./sql";

/** One audit event as every reader shows it. */
export type AuditEntry = {
  id: number;
  ts: number;
  actor: string;
  source: string;
  kind: string;
  subject: string;
  runDbId: number | null;
  added: string[];
  removed: string[];
  detail: Record<string, unknown> | null;
};

export type AuditPage = { events: AuditEntry[]; nextCursor: string | null };

function toEntry(r: Record<string, unknown>): AuditEntry {
  let detail: Record<string, unknown> | null = null;
  try {
    detail = r.detail ? (JSON.parse(r.detail as string) as Record<string, unknown>) : null;
  } catch {
    detail = null;
  }
  return {
    id: toNumber(r.id), ts: toNumber(r.ts), actor: r.actor as string, source: r.source as string, kind: r.kind as string,
    subject: r.subject as string, runDbId: toNullableNumber(r.run_id),
    added: parseJsonArray(r.added as string), removed: parseJsonArray(r.removed as string), detail,
  };
}

const COLUMNS = sql`e.id, e.ts, e.actor, e.source, e.kind, e.subject, e.run_id, e.added, e.removed, e.detail`;

/** A page of the audit history; a run that does not exist has none. */
export async function listAuditEvents(db: Db, f: AuditFilters): Promise<AuditPage> {
  const { run, ...rest } = f;
  if (!run) return readAuditPage(db, rest);
  const found = await findRun(db, run.flow, run.run);
  return found ? readAuditPage(db, { ...rest, runDbId: found.id }) : { events: [], nextCursor: null };
}

/** The newest changes of one run's tags (the run page shows them). */
export function tagHistoryOfRun(db: Db, runDbId: number, limit = 50, cursor?: AuditFilters["cursor"]): Promise<AuditPage> {
  return readAuditPage(db, { runDbId, kind: "tags_changed", limit, cursor });
}

export type AuditQuery = Omit<AuditFilters, "run"> & { runDbId?: number; subject?: string; kinds?: string[] };

export async function readAuditPage(db: Db, f: AuditQuery): Promise<AuditPage> {
  // The most selective filter drives the read: a tag's range, else the event columns' indexes.
  const byTag = f.tag !== undefined;
  const ts = byTag ? sql`g.ts` : sql`e.ts`;
  const id = byTag ? sql`g.event_id` : sql`e.id`;
  const conditions: Prisma.Sql[] = [];
  if (byTag) conditions.push(sql`g.tag = ${f.tag}`);
  if (f.runDbId !== undefined) conditions.push(sql`e.run_id = ${f.runDbId}`);
  if (f.kind !== undefined) conditions.push(sql`e.kind = ${f.kind}`);
  if (f.kinds?.length) conditions.push(sql`e.kind IN (${join(f.kinds)})`);
  if (f.subject !== undefined) conditions.push(sql`e.subject = ${f.subject}`);
  // A flow's own events (subject Flow) and its runs' (subject Flow/run).
  if (f.flow !== undefined) {
    const prefix = `${f.flow}/`;
    conditions.push(sql`(e.subject = ${f.flow} OR substr(e.subject, 1, ${Prisma.raw(String(prefix.length))}) = ${prefix})`);
  }
  if (f.user !== undefined) conditions.push(sql`e.actor = ${f.user}`);
  if (f.since !== undefined) conditions.push(sql`${ts} >= ${f.since}`);
  if (f.until !== undefined) conditions.push(sql`${ts} < ${f.until}`);
  if (f.cursor) {
    // The redundant bound lets both planners start the index range at the cursor.
    conditions.push(sql`${ts} <= ${f.cursor.ts}`);
    conditions.push(sql`(${ts} < ${f.cursor.ts} OR (${ts} = ${f.cursor.ts} AND ${id} < ${f.cursor.id}))`);
  }
  const from = byTag ? sql`audit_event_tags g JOIN audit_events e ON e.id = g.event_id` : sql`audit_events e`;
  const rows = await queryRows(db, sql`
    SELECT ${COLUMNS} FROM ${from}
    ${conditions.length ? sql`WHERE ${join(conditions, " AND ")}` : empty}
    ORDER BY ${ts} DESC, ${id} DESC LIMIT ${f.limit + 1}`);
  const events = rows.slice(0, f.limit).map(toEntry);
  const last = events.at(-1);
  return { events, nextCursor: rows.length > f.limit && last ? encodeCursor({ ts: last.ts, id: last.id }) : null };
}
