// Autocomplete for key:value tags suggests the key first, then its values:
// typing "da" offers "date:" (when several date:… tags exist); typing
// "date:" offers "date:2020-06-01", "date:2020-06-02", …
export type TagCount = { tag: string; system: boolean; runCount: number };
export type TagSuggestion = {
  /** What picking the suggestion puts in the input. */
  value: string;
  /** "key": a "key:" prefix to keep typing from; "tag": a whole tag. */
  kind: "key" | "tag";
  system: boolean;
  /** Runs carrying the tag, or all tags of the key, among those read. */
  runCount: number;
};

/** `tags` are the candidates starting with `prefix`, most used first. */
export function groupTagSuggestions(prefix: string, tags: TagCount[], limit: number): TagSuggestion[] {
  const byKey = new Map<string, TagCount[]>();
  for (const t of tags) {
    const colon = t.tag.indexOf(":", prefix.length);
    // Only a colon the person has not typed yet makes a key to offer.
    if (colon < 0 || prefix.includes(":")) continue;
    const key = t.tag.slice(0, colon + 1);
    byKey.set(key, [...(byKey.get(key) ?? []), t]);
  }
  const out: TagSuggestion[] = [];
  const seenKeys = new Set<string>();
  for (const t of tags) {
    const colon = prefix.includes(":") ? -1 : t.tag.indexOf(":", prefix.length);
    const key = colon < 0 ? null : t.tag.slice(0, colon + 1);
    const group = key ? byKey.get(key)! : [];
    if (key && group.length > 1) {
      if (seenKeys.has(key)) continue;
      seenKeys.add(key);
      out.push({
        value: key,
        kind: "key",
        system: group.every((g) => g.system),
        runCount: group.reduce((n, g) => n + g.runCount, 0),
      });
    } else {
      out.push({ value: t.tag, kind: "tag", system: t.system, runCount: t.runCount });
    }
    if (out.length >= limit) break;
  }
  return out;
}
