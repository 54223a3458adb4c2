import "server-only";
// Reads from Metaflow's local datastore: artifacts (gzip-compressed pickles),
// cards and log files, only under the roots the operator allows. Every path
// is checked twice: lexically (lib/domain/datastore-roots.ts) and on the real
// path after symlinks, so a link inside a root cannot lead out of it.
import { open, readdir, realpath } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import type { Db } from "../db";
import { datastoreRoots } from "../config/datastore";
import {
  artifactSegments, cardDirSegments, datastoreReadability, isInside, parseCardFileName, pathUnder, type CardFile, type Readability,
} from "../domain/datastore-roots";
import { previewPickle, type PicklePreview } from "../domain/pickle-preview";
import { readPickle, type PyValue } from "../domain/pickle";
import { latestMetadataValues } from "./task-data-read";

export const MAX_ARTIFACT_FILE_BYTES = 64 * 1024 * 1024;
export const MAX_UNPICKLE_BYTES = 32 * 1024 * 1024;
export const MAX_CARD_BYTES = 20 * 1024 * 1024;
/** Artifacts up to this size once decompressed are kept after a read, … */
export const KEPT_ARTIFACT_BYTES = 1024 * 1024;
/** … up to this much in all, the least recently read going first. */
const KEPT_ARTIFACTS_TOTAL_BYTES = 32 * 1024 * 1024;

/** Where a task's datastore is and whether Flowdeck may read it. */
export async function taskDatastore(db: Db, taskDbId: number, roots = datastoreRoots()): Promise<Readability> {
  const meta = await latestMetadataValues(db, taskDbId, ["ds-type", "ds-root"]);
  if (!meta.get("ds-root")) {
    // Metaflow's own _parameters task records no ds-root: its artifacts are in the run's datastore.
    const task = await db.task.findUnique({ where: { id: taskDbId }, select: { runId: true } });
    const first = (fieldName: string) =>
      task ? db.metadata.findFirst({ where: { runId: task.runId, fieldName }, orderBy: { id: "asc" }, select: { fieldName: true, value: true } }) : null;
    for (const r of await Promise.all([first("ds-type"), first("ds-root")])) if (r && !meta.has(r.fieldName)) meta.set(r.fieldName, r.value);
  }
  return datastoreReadability(meta.get("ds-type"), meta.get("ds-root"), roots);
}

/** The real path of `file` when it exists and stays inside the real `root`. */
export async function realInside(root: string, file: string): Promise<string | null> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    return isInside(realRoot, realFile) && realFile !== realRoot ? realFile : null;
  } catch {
    return null;
  }
}

export type FileRead = { ok: true; bytes: Buffer } | { ok: false; reason: string };

async function readBounded(root: string, file: string, maxBytes: number, what: string): Promise<FileRead> {
  const real = await realInside(root, file);
  if (!real) return { ok: false, reason: `The ${what} is not in the datastore (no file at ${file}).` };
  const handle = await open(real, "r");
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return { ok: false, reason: `The ${what} is ${(size / 1024 / 1024).toFixed(1)} MB, more than Flowdeck reads (${maxBytes / 1024 / 1024} MB).` };
    const bytes = Buffer.alloc(size);
    await handle.read(bytes, 0, size, 0);
    return { ok: true, bytes };
  } finally {
    await handle.close();
  }
}

export type ArtifactRef = { flow: string; sha: string; location: string; dsType: string };

// Metaflow's datastore is content-addressed: an artifact's file is named by the
// sha of what it holds, so a file read once holds the same bytes at every later
// read. Every run page reads its _graph_info and parameters: kept, they cost no
// file system round trips (realpath, open, stat, read, close) nor gunzip again.
// Only successful reads are kept, keyed by root and file: a file that appears
// later is read then, and the roots are fixed for the life of the process.
const keptArtifacts = new LRUCache<string, Buffer>({ maxSize: KEPT_ARTIFACTS_TOTAL_BYTES, sizeCalculation: (b) => Math.max(b.length, 1) });

/** The artifact's pickle bytes (decompressed), or why they cannot be read. */
export async function readArtifactPickle(where: Readability, a: ArtifactRef): Promise<FileRead> {
  if (!where.readable) return { ok: false, reason: where.reason };
  const segments = artifactSegments(a.flow, a.sha);
  const file = segments && pathUnder(where.dir, segments);
  if (!file) return { ok: false, reason: `Stored at ${a.location}, not readable here.` };
  const key = `${where.root}\0${file}`;
  const kept = keptArtifacts.get(key);
  if (kept) return { ok: true, bytes: kept };
  const raw = await readBounded(where.root, file, MAX_ARTIFACT_FILE_BYTES, "artifact");
  if (!raw.ok) return raw;
  try {
    // Metaflow gzips every artifact; a file that is not gzip is read as is.
    const bytes = raw.bytes[0] === 0x1f && raw.bytes[1] === 0x8b ? gunzipSync(raw.bytes, { maxOutputLength: MAX_UNPICKLE_BYTES }) : raw.bytes;
    if (bytes.length <= KEPT_ARTIFACT_BYTES) keptArtifacts.set(key, bytes);
    return { ok: true, bytes };
  } catch (e) {
    const tooBig = (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || /Cannot create a Buffer larger|maxOutputLength/i.test(String(e));
    return { ok: false, reason: tooBig ? `The artifact is larger than ${MAX_UNPICKLE_BYTES / 1024 / 1024} MB once decompressed: not previewable.` : "The artifact's file is not valid gzip." };
  }
}

export async function previewArtifact(where: Readability, a: ArtifactRef): Promise<PicklePreview> {
  const read = await readArtifactPickle(where, a);
  return read.ok ? previewPickle(read.bytes) : { previewable: false, reason: read.reason };
}

/** A basic value read from the datastore (for _graph_info and parameters), or null. */
export async function readArtifactValue(where: Readability, a: ArtifactRef): Promise<{ value: PyValue } | { reason: string }> {
  const read = await readArtifactPickle(where, a);
  if (!read.ok) return { reason: read.reason };
  try {
    return { value: readPickle(read.bytes) };
  } catch (e) {
    return { reason: (e as Error).message };
  }
}

export type CardEntry = CardFile & { path: string };

/** A task's cards in the datastore (newer layout first, then cards written before June 2022). */
export async function listCards(where: Readability, flow: string, run: string, step: string, task: string): Promise<CardEntry[]> {
  if (!where.readable) return [];
  const found = new Map<string, CardEntry>();
  for (const segments of cardDirSegments(flow, run, step, task)) {
    const dir = pathUnder(where.dir, segments);
    if (!dir || !(await realInside(where.root, dir))) continue;
    let names: string[] = [];
    try {
      names = (await readdir(dir)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const card = parseCardFileName(name);
      if (card && !found.has(card.id)) found.set(card.id, { ...card, path: `${dir}/${name}` });
    }
  }
  return [...found.values()];
}

export async function readCard(where: Readability, card: CardEntry): Promise<FileRead> {
  if (!where.readable) return { ok: false, reason: where.reason };
  return readBounded(where.root, card.path, MAX_CARD_BYTES, "card");
}
