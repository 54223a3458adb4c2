// Which recorded datastore locations Flowdeck may read. Any metadata writer
// can claim any ds-root, so only directories the operator lists
// (FLOWDECK_DATASTORE_ROOTS) are read; everything else is only named.
import path from "node:path";

export type Readability = { readable: true; root: string; dir: string } | { readable: false; reason: string };

/** FLOWDECK_DATASTORE_ROOTS: comma-separated absolute directories; relative ones resolve from `cwd`. */
export function parseDatastoreRoots(raw: string | undefined, fallback: string[], cwd = process.cwd()): string[] {
  const listed = (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const roots = listed.length ? listed : fallback;
  return [...new Set(roots.map((r) => path.resolve(cwd, r)))];
}

const REMOTE = /^([a-z][a-z0-9+.-]*):\/\//i;

export function notReadableMessage(location: string): string {
  return `Stored at ${location}, not readable here.`;
}

/**
 * Whether a task's datastore (ds-type, ds-root) lies under an allowed root.
 * This is the lexical check; lib/data/datastore.ts repeats it on real paths
 * (symlinks) before opening anything.
 */
export function datastoreReadability(dsType: string | undefined, dsRoot: string | undefined, roots: string[]): Readability {
  if (!dsRoot) return { readable: false, reason: "The task recorded no datastore (no ds-root metadata)." };
  if (REMOTE.test(dsRoot) || (dsType && dsType !== "local")) return { readable: false, reason: notReadableMessage(dsRoot) };
  if (!path.isAbsolute(dsRoot) || dsRoot.includes("\0")) return { readable: false, reason: notReadableMessage(dsRoot) };
  const dir = path.resolve(dsRoot);
  const root = roots.find((r) => isInside(r, dir));
  return root ? { readable: true, root, dir } : { readable: false, reason: notReadableMessage(dsRoot) };
}

/** `child` is `parent` or below it. */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

const SAFE_SEGMENT = /^[^/\\\0]+$/;

/** `dir/segments…`, or null when a segment could leave `dir`. */
export function pathUnder(dir: string, segments: string[]): string | null {
  if (segments.some((s) => !SAFE_SEGMENT.test(s) || s === "." || s === "..")) return null;
  const full = path.resolve(dir, ...segments);
  return isInside(dir, full) && full !== path.resolve(dir) ? full : null;
}

/** Where Metaflow's local datastore keeps an artifact: <ds-root>/<Flow>/data/<sha[:2]>/<sha>. */
export function artifactSegments(flow: string, sha: string): string[] | null {
  if (!/^[0-9a-f]{6,128}$/i.test(sha)) return null;
  return [flow, "data", sha.slice(0, 2), sha];
}

/** A task's cards: <ds-root>/mf.cards/<Flow>/runs/<run>/steps/<step>/tasks/<task>/cards (older: without steps/<step>). */
export function cardDirSegments(flow: string, run: string, step: string, task: string): string[][] {
  return [
    ["mf.cards", flow, "runs", run, "steps", step, "tasks", task, "cards"],
    ["mf.cards", flow, "runs", run, "tasks", task, "cards"],
  ];
}

export type CardFile = { id: string; type: string; cardId: string | null; hash: string; file: string };

/** Metaflow names card files <type>-<hash>.html or <type>-<id>-<hash>.html. */
export function parseCardFileName(file: string): CardFile | null {
  const m = /^(.+)\.html$/.exec(file);
  if (!m || !SAFE_SEGMENT.test(file)) return null;
  const parts = m[1].split("-");
  if (parts.length < 2) return null;
  const hash = parts.pop()!;
  const type = parts.shift()!;
  const cardId = parts.length ? parts.join("-") : null;
  return { id: m[1], type, cardId, hash, file };
}
