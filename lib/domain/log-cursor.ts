// The position reached in a task's logs, per source (pushed lines by row id,
// files by byte offset), as an opaque cursor a client passes back.
import { badRequest } from "../errors";

export type LogPositions = Record<string, number>;

export function encodeLogCursor(p: LogPositions): string {
  return Buffer.from(JSON.stringify(p)).toString("base64url");
}

export function decodeLogCursor(cursor: string | undefined): LogPositions {
  if (!cursor) return {};
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v) && Object.values(v).every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) {
      return v as LogPositions;
    }
  } catch {
    /* answered below */
  }
  throw badRequest("cursor is not one this logs route gave: pass nextCursor from the previous page unchanged.");
}

export type TimedLine = { ts: number | null; line: string; source: string };

/**
 * Merges per-source line lists (each already in order) by time, taking at most
 * `limit`; returns how many lines of each source were taken. A line without a
 * time keeps its place after its source's previous line.
 */
export function mergeTake(sources: TimedLine[][], limit: number): { lines: TimedLine[]; taken: number[] } {
  const idx = sources.map(() => 0);
  const last = sources.map(() => -Infinity);
  const lines: TimedLine[] = [];
  while (lines.length < limit) {
    let best = -1;
    let bestTs = Infinity;
    for (let s = 0; s < sources.length; s++) {
      const l = sources[s][idx[s]];
      if (!l) continue;
      const ts = l.ts ?? last[s];
      if (best < 0 || ts < bestTs) {
        best = s;
        bestTs = ts;
      }
    }
    if (best < 0) break;
    const l = sources[best][idx[best]++];
    if (l.ts !== null) last[best] = l.ts;
    lines.push(l);
  }
  return { lines, taken: idx };
}
