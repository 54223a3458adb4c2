import "server-only";
// Keeps run_tags rows and the tag_stats counters in step. Tags are upserted in
// sorted order so concurrent writers lock counters in the same order.
import type { Tx } from "../db";
import { namespaceKind } from "../domain/namespace";
import { sql } from "./sql";

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
  for (const r of rows) await bumpTagStat(tx, r, 1, run.createdTs);
}

/**
 * Removes and adds user tags of a run. Every tag_stats counter is bumped in one
 * sorted pass (removals and additions together), so concurrent tag writers
 * always lock counters in the same order and cannot deadlock on PostgreSQL.
 */
export async function changeRunTags(
  tx: Tx,
  run: { id: number; flowId: number; createdTs: number },
  added: string[],
  removed: string[],
) {
  if (removed.length) await tx.runTag.deleteMany({ where: { runId: run.id, tag: { in: removed }, system: false } });
  if (added.length) {
    await tx.runTag.createMany({
      data: added.map((tag) => ({ runId: run.id, tag, system: false, createdTs: run.createdTs, flowId: run.flowId })),
    });
  }
  if (added.length || removed.some((t) => namespaceKind(t) !== "tag")) {
    const tags = await tx.runTag.findMany({ where: { runId: run.id }, select: { tag: true } });
    await tx.runTag.updateMany({ where: { runId: run.id }, data: { owner: ownerOf(tags.map((t) => t.tag)) } });
  }
  const deltas = [...added.map((tag) => ({ tag, delta: 1 })), ...removed.map((tag) => ({ tag, delta: -1 }))];
  deltas.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  for (const d of deltas) await bumpTagStat(tx, { tag: d.tag, system: false }, d.delta, d.delta > 0 ? run.createdTs : 0);
}

async function bumpTagStat(tx: Tx, row: RunTagRow, delta: number, ts: number) {
  await tx.$executeRaw(sql`
    INSERT INTO tag_stats (tag, system, run_count, last_ts) VALUES (${row.tag}, ${row.system}, ${Math.max(delta, 0)}, ${ts})
    ON CONFLICT (tag) DO UPDATE SET
      run_count = tag_stats.run_count + ${delta},
      last_ts = CASE WHEN excluded.last_ts > tag_stats.last_ts THEN excluded.last_ts ELSE tag_stats.last_ts END`);
}
