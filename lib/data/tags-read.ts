import "server-only";
// Tag autocomplete from tag_stats: a prefix range on the primary key, only
// tags some run still carries, most used first, always bounded.
import type { Db } from "../db";
import { groupTagSuggestions, type TagSuggestion } from "../domain/tag-suggestions";
import { sql, tagPrefixRange, toNumber } from "./sql";

export const MAX_SUGGESTIONS = 20;
// How many candidate tags one lookup reads before grouping them by key.
const CANDIDATES = 200;

export async function suggestTags(db: Db, prefix: string, limit = MAX_SUGGESTIONS): Promise<TagSuggestion[]> {
  const range = prefix ? sql`${tagPrefixRange(prefix)} AND` : sql``;
  const rows = await db.$queryRaw<{ tag: string; system: unknown; run_count: unknown }[]>(sql`
    SELECT tag, system, run_count FROM tag_stats
    WHERE ${range} run_count > 0
    ORDER BY run_count DESC, tag ASC
    LIMIT ${CANDIDATES}`);
  const tags = rows
    // Guards against collations that do not order by code point.
    .filter((r) => r.tag.startsWith(prefix))
    .map((r) => ({ tag: r.tag, system: r.system === true || r.system === 1 || r.system === 1n, runCount: toNumber(r.run_count) }));
  return groupTagSuggestions(prefix, tags, limit);
}
