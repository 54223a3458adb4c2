import "server-only";
// Pages of a task's logs: pushed lines (log_lines) and Metaflow's mflog files,
// merged by time, read from a cursor so a log of millions of lines opens at
// once and a follower only reads what is new. Search scans from the cursor
// and stops after a bounded amount of text, handing back where it stopped.
import { open } from "node:fs/promises";
import type { Db } from "../db";
import { parseMflogLine, matchesSearch } from "../domain/mflog";
import { decodeLogCursor, encodeLogCursor, mergeTake, type LogPositions, type TimedLine } from "../domain/log-cursor";
import type { Readability } from "../domain/datastore-roots";
import { pathUnder } from "../domain/datastore-roots";
import { realInside } from "./datastore";

export type LogStream = "stdout" | "stderr";
export type LogPage = {
  attempt: number;
  lines: TimedLine[];
  files: string[];
  /** Where the next page starts; at the end of the log, where new lines will appear (follow). */
  nextCursor: string;
  /** Every source was read to its end. */
  atEnd: boolean;
  /** Bytes of log files in total, so a page can say how big the log is. */
  totalBytes: number;
  /** Why the files could not be read, when they could not. */
  unreadable: string | null;
};

const CHUNK = 512 * 1024;
const SEARCH_BUDGET_BYTES = 256 * 1024 * 1024;
const MAX_LINE_CHARS = 10_000;

type Source = {
  name: string;
  /** Matching lines from `pos`, at most `max`, scanning at most `budget` bytes. */
  grep?(pos: number, q: string, max: number, budget: number): Promise<{ lines: TimedLine[]; pos: number; eof: boolean; scanned: number }>;
  /** Lines from `pos`, at most `max`, each with the position after it. */
  read(pos: number, max: number): Promise<{ lines: TimedLine[]; ends: number[]; eof: boolean }>;
  size: number;
};

function fileSource(name: string, path: string, size: number, fallback: string): Source {
  return {
    name,
    size,
    async grep(pos, q, max, budget) {
      // Matches are found in the raw bytes first; only matching lines are decoded and parsed.
      const lower = q.toLowerCase();
      const asciiNeedle = /^[\x00-\x7f]+$/.test(lower) ? Buffer.from(lower) : null;
      const folded = Buffer.allocUnsafe(4 * 1024 * 1024);
      const handle = await open(path, "r");
      try {
        const lines: TimedLine[] = [];
        let at = pos;
        let scanned = 0;
        const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
        while (at < size && lines.length < max && scanned < budget) {
          const { bytesRead } = await handle.read(buf, 0, Math.min(buf.length, size - at), at);
          const lastNl = buf.lastIndexOf(0x0a, bytesRead - 1);
          const usable = lastNl < 0 ? (at + bytesRead >= size ? bytesRead : 0) : lastNl + 1;
          if (!usable) break;
          let consumed = usable;
          const take = (ls: number, le: number) => {
            const l = parseMflogLine(buf.toString("utf8", ls, le), fallback);
            if (matchesSearch(l.line, q)) lines.push({ ...l, line: l.line.slice(0, MAX_LINE_CHARS) });
            if (lines.length >= max) consumed = Math.min(le + 1, usable);
            return lines.length >= max;
          };
          if (asciiNeedle) {
            // Fold ASCII letters byte by byte and let Buffer.indexOf find candidates: no decoding of lines that cannot match.
            for (let i = 0; i < usable; i++) {
              const c = buf[i];
              folded[i] = c >= 65 && c <= 90 ? c | 32 : c;
            }
            const hay = folded.subarray(0, usable);
            let from = 0;
            for (;;) {
              const hit = hay.indexOf(asciiNeedle, from);
              if (hit < 0) break;
              const ls = buf.lastIndexOf(0x0a, hit) + 1;
              let le = buf.indexOf(0x0a, hit);
              if (le < 0 || le >= usable) le = usable;
              from = le + 1;
              if (take(ls, le)) break;
            }
          } else {
            let ls = 0;
            while (ls < usable) {
              let le = buf.indexOf(0x0a, ls);
              if (le < 0 || le >= usable) le = usable;
              if (take(ls, le)) break;
              ls = le + 1;
            }
          }
          at += consumed;
          scanned += consumed;
        }
        return { lines, pos: at, eof: at >= size, scanned };
      } finally {
        await handle.close();
      }
    },
    async read(pos, max) {
      const handle = await open(path, "r");
      try {
        const lines: TimedLine[] = [];
        const ends: number[] = [];
        let at = pos;
        // About 200 bytes a line: read what the page needs, not a whole chunk.
        let chunk = Math.min(CHUNK, Math.max(4096, max * 200));
        while (lines.length < max && at < size) {
          const buf = Buffer.allocUnsafe(Math.min(chunk, size - at));
          const { bytesRead } = await handle.read(buf, 0, buf.length, at);
          let start = 0;
          for (;;) {
            const nl = buf.indexOf(0x0a, start);
            if (nl < 0 || nl >= bytesRead || lines.length >= max) break;
            const raw = buf.toString("utf8", start, nl);
            const l = parseMflogLine(raw, fallback);
            lines.push(l.line.length > MAX_LINE_CHARS ? { ...l, line: `${l.line.slice(0, MAX_LINE_CHARS)}…` } : l);
            ends.push(at + nl + 1);
            start = nl + 1;
          }
          if (start === 0) {
            // A line longer than the chunk: read more at once, or take the rest of a file without a final newline.
            if (at + bytesRead >= size) {
              const l = parseMflogLine(buf.toString("utf8", 0, bytesRead), fallback);
              lines.push({ ...l, line: l.line.slice(0, MAX_LINE_CHARS) });
              ends.push(size);
              at = size;
              break;
            }
            chunk *= 2;
            continue;
          }
          at += start;
          if (bytesRead < buf.length) break;
        }
        // A last line still being written (no newline yet) is left for the next read.
        return { lines, ends, eof: (ends.at(-1) ?? pos) >= size };
      } finally {
        await handle.close();
      }
    },
  };
}

function pushedSource(db: Db, taskDbId: number, stream: LogStream, attempt: number): Source {
  return {
    name: "pushed",
    size: 0,
    async read(pos, max) {
      const rows = await db.logLine.findMany({
        where: { taskId: taskDbId, stream, attempt, id: { gt: pos } },
        orderBy: { id: "asc" },
        take: max + 1,
        select: { id: true, ts: true, line: true },
      });
      const page = rows.slice(0, max);
      return { lines: page.map((r) => ({ ts: r.ts, line: r.line, source: "pushed" })), ends: page.map((r) => r.id), eof: rows.length <= max };
    },
  };
}

export type LogTask = { flow: string; run: string; step: string; task: string; taskDbId: number };

/** The files Metaflow may have written for this attempt (runtime, task, and the pre-mflog name). */
async function logSources(db: Db, t: LogTask, stream: LogStream, attempt: number, where: Readability): Promise<Source[]> {
  const sources: Source[] = [pushedSource(db, t.taskDbId, stream, attempt)];
  if (!where.readable) return sources;
  for (const name of [`${attempt}.runtime_${stream}.log`, `${attempt}.task_${stream}.log`, `${attempt}.${stream}.log`]) {
    const file = pathUnder(where.dir, [t.flow, t.run, t.step, t.task, name]);
    const real = file ? await realInside(where.root, file) : null;
    if (!real) continue;
    const handle = await open(real, "r");
    const { size } = await handle.stat().finally(() => handle.close());
    sources.push(fileSource(name, real, size, name.includes("runtime") ? "runtime" : "task"));
  }
  return sources;
}

export async function readLogPage(
  db: Db, t: LogTask, where: Readability,
  opts: { stream: LogStream; attempt: number; cursor?: string; limit: number; q?: string },
): Promise<LogPage> {
  const positions: LogPositions = decodeLogCursor(opts.cursor);
  const sources = await logSources(db, t, opts.stream, opts.attempt, where);
  const files = sources.filter((s) => s.name !== "pushed").map((s) => s.name);
  const base = {
    attempt: opts.attempt, files, totalBytes: sources.reduce((n, s) => n + s.size, 0),
    unreadable: where.readable ? null : where.reason,
  };
  if (opts.q) return { ...base, ...(await searchPage(sources, positions, opts.q, opts.limit)) };
  const reads = await Promise.all(sources.map((s) => s.read(positions[s.name] ?? 0, opts.limit)));
  const { lines, taken } = mergeTake(reads.map((r) => r.lines), opts.limit);
  const next: LogPositions = { ...positions };
  let atEnd = true;
  sources.forEach((s, i) => {
    if (taken[i] > 0) next[s.name] = reads[i].ends[taken[i] - 1];
    if (taken[i] < reads[i].lines.length || !reads[i].eof) atEnd = false;
  });
  return { ...base, lines, nextCursor: encodeLogCursor(next), atEnd };
}

/** Matching lines, source by source then by time; stops at `limit` matches or after a bounded scan. */
async function searchPage(sources: Source[], positions: LogPositions, q: string, limit: number) {
  const found: TimedLine[][] = [];
  const next: LogPositions = { ...positions };
  let budget = SEARCH_BUDGET_BYTES;
  let count = 0;
  let atEnd = true;
  for (const s of sources) {
    const matches: TimedLine[] = [];
    let pos = next[s.name] ?? 0;
    if (s.grep) {
      if (count >= limit || budget <= 0) {
        atEnd = false;
        found.push(matches);
        continue;
      }
      const g = await s.grep(pos, q, limit - count, budget);
      matches.push(...g.lines);
      count += g.lines.length;
      budget -= g.scanned;
      next[s.name] = g.pos;
      if (!g.eof) atEnd = false;
      found.push(matches);
      continue;
    }
    for (;;) {
      if (count >= limit || budget <= 0) {
        atEnd = false;
        break;
      }
      const r = await s.read(pos, 20_000);
      for (let i = 0; i < r.lines.length; i++) {
        if (!matchesSearch(r.lines[i].line, q)) continue;
        matches.push(r.lines[i]);
        if (++count >= limit) {
          pos = r.ends[i];
          break;
        }
      }
      if (count < limit) pos = r.ends.at(-1) ?? pos;
      budget -= s.name === "pushed" ? r.lines.length * 100 : (r.ends.at(-1) ?? pos) - (next[s.name] ?? 0);
      next[s.name] = pos;
      if (count >= limit) {
        atEnd = false;
        break;
      }
      if (r.eof || !r.lines.length) break;
    }
    next[s.name] = pos;
    found.push(matches);
  }
  const { lines } = mergeTake(found, Number.MAX_SAFE_INTEGER);
  return { lines, nextCursor: encodeLogCursor(next), atEnd };
}
