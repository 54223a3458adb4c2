import "server-only";
// Keeps run_tags rows and the tag_stats counters in step. Tags are upserted in
// sorted order so concurrent writers lock counters in the same order.
import type { Tx } from "../db";
import { namespaceKind } from "../domain/namespace";
import { join, sql, type Prisma } from "./sql";

export type RunTagRow = { tag: string; system: boolean };

export function tagRows(tags: string[], systemTags: string[]): RunTagRow[] {
  const system = new Set(systemTags);
  const rows = new Map<string, RunTagRow>();
  for (const t of systemTags) rows.set(t, { tag: t, system: true });
  for (const t of tags) if (!system.has(t)) rows.set(t, { tag: t, system: false });
  return [...rows.values()].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

/** The run's owner namespace stored on its tag rows: its one user:/production: tag, else null. */
export function ownerOf(tags: string[]): string | null {
  const owners = tags.filter((t) => namespaceKind(t) !== "tag");
  return owners.length === 1 ? owners[0] : null;
}

export async function insertRunTags(
  tx: Tx,
  run: { id: number; flowId: number; createdTs: number },
  rows: RunTagRow[],
) {
  if (!rows.length) return;
  const owner = ownerOf(rows.map((r) => r.tag));
  await tx.runTag.createMany({
    data: rows.map((r) => ({ runId: run.id, tag: r.tag, system: r.system, createdTs: run.createdTs, flowId: run.flowId, owner })),
  });
  await bumpTagStats(tx, rows.map((r) => ({ ...r, delta: 1, ts: run.createdTs })));
}

export type TagStatDelta = { tag: string; system: boolean; delta: number; ts: number };

/**
 * Bumps tag_stats counters in one statement, in tag order, so concurrent tag
 * writers always lock counters in the same order and cannot deadlock on
 * PostgreSQL. A tag appears once (deltas of the same tag are summed first).
 */
export async function bumpTagStats(tx: Tx, deltas: TagStatDelta[]) {
  const upsert = tagStatsUpsert(deltas);
  if (upsert) await tx.$executeRaw(upsert);
}

/** The statement of bumpTagStats; null when nothing changes. */
export function tagStatsUpsert(deltas: TagStatDelta[]): Prisma.Sql | null {
  const byTag = new Map<string, TagStatDelta>();
  for (const d of deltas) {
    const seen = byTag.get(d.tag);
    if (seen) byTag.set(d.tag, { ...seen, delta: seen.delta + d.delta, ts: Math.max(seen.ts, d.ts) });
    else byTag.set(d.tag, { ...d });
  }
  const rows = [...byTag.values()].filter((d) => d.delta !== 0).sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  if (!rows.length) return null;
  // A tag new to tag_stats only ever arrives with a positive delta.
  return sql`
    INSERT INTO tag_stats (tag, system, run_count, last_ts)
    VALUES ${join(rows.map((r) => sql`(${r.tag}, ${r.system}, ${r.delta}, ${r.delta > 0 ? r.ts : 0})`))}
    ${TAG_STATS_ON_CONFLICT}`;
}

export const TAG_STATS_ON_CONFLICT = sql`ON CONFLICT (tag) DO UPDATE SET
  run_count = tag_stats.run_count + excluded.run_count,
  last_ts = CASE WHEN excluded.last_ts > tag_stats.last_ts THEN excluded.last_ts ELSE tag_stats.last_ts END`;
