// Namespaces are tags: an object is in namespace N when N is among its run's
// tags or system tags. The global namespace applies no filter.
import { badRequest } from "../errors";
import { tagProblem } from "./tags";

export const GLOBAL = "global";
export type Namespace = { kind: "global" } | { kind: "tag"; tag: string };
export type NamespaceKind = "user" | "production" | "tag";

export function userNamespace(user: string): string {
  return `user:${user}`;
}

export function productionNamespace(token: string): string {
  return `production:${token}`;
}

/** Reads a namespace from a URL or form value; "global" (or empty) is the global namespace. */
export function parseNamespace(value: string | null | undefined): Namespace {
  const v = (value ?? "").trim();
  if (!v || v === GLOBAL) return { kind: "global" };
  const shown = JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  const problem = tagProblem(v);
  if (problem) throw badRequest(`${shown} is not a namespace: ${problem}.`);
  // Control characters (tabs, newlines, escapes) never name a namespace anyone could have made.
  if (/\p{Cc}/u.test(v)) throw badRequest(`${shown} is not a namespace: it contains control characters.`);
  for (const prefix of ["user:", "production:"]) {
    if (v === prefix)
      throw badRequest(`${shown} is not a namespace: ${prefix} needs a name after it, such as ${prefix === "user:" ? "user:anne" : "production:<token>"}.`);
  }
  return { kind: "tag", tag: v };
}

export function formatNamespace(ns: Namespace): string {
  return ns.kind === "global" ? GLOBAL : ns.tag;
}

export function namespaceLabel(ns: Namespace): string {
  return ns.kind === "global" ? "Global" : ns.tag;
}

export function namespaceKind(tag: string): NamespaceKind {
  if (tag.startsWith("user:")) return "user";
  if (tag.startsWith("production:")) return "production";
  return "tag";
}

export function isInNamespace(ns: Namespace, run: { tags: string[]; systemTags: string[] }): boolean {
  return ns.kind === "global" || run.tags.includes(ns.tag) || run.systemTags.includes(ns.tag);
}

/** The namespaces a person would switch to in order to see a run: its owner, production token and user tags. */
export function namespacesOfRun(run: { tags: string[]; systemTags: string[] }): string[] {
  const owners = run.systemTags.filter((t) => t.startsWith("user:") || t.startsWith("production:"));
  return [...owners, ...run.tags];
}

export function notInNamespaceMessage(pathspec: string, ns: Namespace): string {
  return `${pathspec} is not in namespace ${formatNamespace(ns)}`;
}

/** In the global namespace "latest" means the latest by anyone. */
export function latestIsAmbiguous(ns: Namespace): boolean {
  return ns.kind === "global";
}
