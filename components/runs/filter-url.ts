// Filters live in the URL: these build the next address from the current one,
// dropping any cursor (a new filter starts from the newest run).
export type TagMode = "tag" | "anyTag" | "notTag";

export const TAG_MODES: { mode: TagMode; label: string; chip: string }[] = [
  { mode: "tag", label: "has all of", chip: "has" },
  { mode: "anyTag", label: "has any of", chip: "any of" },
  { mode: "notTag", label: "has none of", chip: "not" },
];

function next(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(params);
  out.delete("cursor");
  return out;
}

export function withTag(params: URLSearchParams, mode: TagMode, tag: string): URLSearchParams {
  const out = next(params);
  // A tag sits in one list at a time: adding it to "has" takes it out of "not".
  for (const m of TAG_MODES) if (m.mode !== mode) removeValue(out, m.mode, tag);
  if (!out.getAll(mode).includes(tag)) out.append(mode, tag);
  return out;
}

export function withoutValue(params: URLSearchParams, key: string, value: string): URLSearchParams {
  const out = next(params);
  removeValue(out, key, value);
  return out;
}

export function withValue(params: URLSearchParams, key: string, value: string | null): URLSearchParams {
  const out = next(params);
  if (value === null || value.trim() === "") out.delete(key);
  else out.set(key, value.trim());
  return out;
}

export function withoutFilters(params: URLSearchParams, keys: readonly string[]): URLSearchParams {
  const out = next(params);
  for (const k of keys) out.delete(k);
  return out;
}

export function hrefOf(pathname: string, params: URLSearchParams): string {
  const q = params.toString();
  return q ? `${pathname}?${q}` : pathname;
}

function removeValue(params: URLSearchParams, key: string, value: string) {
  const kept = params.getAll(key).filter((v) => v !== value);
  params.delete(key);
  for (const v of kept) params.append(key, v);
}
