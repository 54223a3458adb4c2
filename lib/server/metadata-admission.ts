// How many metadata API requests the server works on at once; the rest wait
// their turn in arrival order, unread. Fifty Metaflow tasks writing without
// pause would otherwise each put work in every turn of the event loop, and a
// dashboard page, which yields to it at every await, would wait behind all of
// it at each one. A handful at a time keeps one core busy with writes just as
// well (bench:ingest's 8 clients never wait). FLOWDECK_METADATA_CONCURRENCY
// sets the number (16; 0 for no limit).
import pLimit from "p-limit";

const DEFAULT = 16;

export function metadataConcurrency(value = process.env.FLOWDECK_METADATA_CONCURRENCY): number {
  if (value === undefined || value.trim() === "") return DEFAULT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`FLOWDECK_METADATA_CONCURRENCY must be a whole number ≥ 0 (0: no limit), not "${value}".`);
  return n === 0 ? Infinity : n;
}

/** Runs each request's work when its turn comes. */
export function metadataAdmission(concurrency = metadataConcurrency()): <T>(work: () => Promise<T>) => Promise<T> {
  if (concurrency === Infinity) return (work) => work();
  const limit = pLimit(concurrency);
  return (work) => limit(work);
}
