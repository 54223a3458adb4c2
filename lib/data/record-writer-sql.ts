import "server-only";
// SQL that both record writers send alike.
import type { JsonColumn } from "./dialect";
import type { MetadataEffects } from "./record-writer";
import { sql, type Prisma } from "./sql";

const text = (...names: string[]): JsonColumn[] => names.map((name) => ({ name, type: "text" }));

export const metadataColumns = text("field_name", "value", "type", "user_name", "tags", "system_tags");
export const artifactColumns: JsonColumn[] = [
  ...text("name", "location", "ds_type", "sha", "type", "content_type"),
  { name: "attempt_id", type: "int" },
  ...text("user_name"),
];
export const logLineColumns: JsonColumn[] = [...text("stream", "line"), { name: "ts", type: "float" }, { name: "attempt", type: "int" }];
export const tagRowColumns: JsonColumn[] = [...text("tag"), { name: "system", type: "bool" }];

/**
 * The SET list of a run after a batch of metadata (see endStatusChange): the
 * new end status computed from the stored one in the same statement, the
 * finish time when it became a verdict, the origin run once.
 */
export function runEffectsSql(effects: NonNullable<MetadataEffects["run"]>, now: number): Prisma.Sql {
  const sets: Prisma.Sql[] = [];
  const change = effects.endStatus;
  if (change) {
    const next = change === "retry-if-failed"
      ? sql`(CASE WHEN end_status = 'failed' THEN 'retrying' ELSE end_status END)`
      : sql`${change}`;
    sets.push(sql`finished_ts = CASE WHEN ${next} IS NOT DISTINCT FROM end_status THEN finished_ts
      WHEN ${next} IN ('completed', 'failed') THEN ${now} ELSE NULL END`);
    sets.push(sql`end_status = ${next}`);
  }
  if (effects.originRunId) sets.push(sql`origin_run_id = COALESCE(origin_run_id, ${effects.originRunId})`);
  return sql`${joinSets(sets)}`;
}

function joinSets(sets: Prisma.Sql[]): Prisma.Sql {
  return sets.slice(1).reduce((acc, s) => sql`${acc}, ${s}`, sets[0]);
}
