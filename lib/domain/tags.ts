// Tag rules shared by the metadata API, the dashboard and its actions.
// Limits and messages follow Metaflow's client (metaflow/tagging_util.py).
import { UserError } from "../errors";

export const MAX_USER_TAGS = 50;
export const MAX_TAG_LENGTH = 500;

/** Prefixes the Metaflow client uses for system tags. */
export const SYSTEM_TAG_PREFIXES = ["user:", "production:", "runtime:", "python_version:", "metaflow_version:"];

export function looksLikeSystemTag(tag: string): boolean {
  return SYSTEM_TAG_PREFIXES.some((p) => tag.startsWith(p));
}

function isWellFormedUtf16(s: string): boolean {
  // A lone surrogate cannot be encoded as UTF-8.
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** The problem with a tag, or null when it is valid. */
export function tagProblem(tag: unknown): string | null {
  if (typeof tag !== "string") return `Tags must be strings, got ${tag === null ? "null" : typeof tag}`;
  if (!tag.length) return "Tags must not be empty string";
  if (!isWellFormedUtf16(tag)) return "Tags must be UTF-8 encodable";
  if (tag.includes("\0")) return "Tags must not contain NUL characters";
  const length = [...tag].length;
  if (length > MAX_TAG_LENGTH) return `Tag is too long ${length} > ${MAX_TAG_LENGTH}`;
  return null;
}

export function validateTags(tags: unknown[]): string[] {
  for (const t of tags) {
    const problem = tagProblem(t);
    if (problem) throw new UserError("bad_request", problem);
  }
  return tags as string[];
}

export type TagMutationPlan = { userTags: string[]; added: string[]; removed: string[]; changed: boolean };

/**
 * Applies removals, then additions, to a run's user tags. Adding a tag that is
 * already a system tag is a no-op; removing a system tag is refused (422).
 */
export function planTagMutation(current: { userTags: string[]; systemTags: string[] }, toAdd: string[], toRemove: string[]): TagMutationPlan {
  validateTags(toAdd);
  validateTags(toRemove);
  const system = new Set(current.systemTags);
  const blocked = [...new Set(toRemove.filter((t) => system.has(t)))];
  if (blocked.length) {
    throw new UserError("unprocessable", `Cannot remove tags that are existing system tags {${blocked.map((t) => `'${t}'`).join(", ")}}`);
  }
  const before = new Set(current.userTags);
  const next = new Set(current.userTags);
  for (const t of toRemove) next.delete(t);
  for (const t of toAdd) if (!system.has(t)) next.add(t);
  if (next.size > MAX_USER_TAGS && next.size > before.size) {
    throw new UserError("unprocessable", `Cannot increase size of tag set beyond ${MAX_USER_TAGS}`, {
      tooMany: { current: before.size, next: next.size },
    });
  }
  const added = [...next].filter((t) => !before.has(t));
  const removed = [...before].filter((t) => !next.has(t));
  return { userTags: [...next].sort(), added, removed, changed: added.length + removed.length > 0 };
}

/** Splits "key:value" for autocomplete; tags without a colon have no value. */
export function splitTag(tag: string): { key: string; value: string | null } {
  const i = tag.indexOf(":");
  return i < 0 ? { key: tag, value: null } : { key: tag.slice(0, i), value: tag.slice(i + 1) };
}
