import "server-only";
// A task's logs: lines clients pushed to the database (log_lines), plus, for
// runs recorded with Metaflow's local datastore, the files Metaflow wrote under
// the task's `ds-root`: <ds-root>/<Flow>/<run>/<step>/<task>/<attempt>.<source>_<stream>.log
// (sources runtime and task; `<attempt>.<stream>.log` before mflog), lines
// prefixed [MFLOG|0|<iso time>Z|<source>|<id>]. Files are read only inside
// the recorded ds-root: fixed names, no traversal, no symlink escapes.
import { open, realpath } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db";
import { findTask, runKey, taskKey } from "./resolve";
import { latestMetadataValues } from "./task-data-read";

export type LogStream = "stdout" | "stderr";
export type LogLineView = { ts: number | null; line: string; source: string };
export type TaskLogs = { attempt: number; lines: LogLineView[]; truncated: boolean; files: string[] };

const MAX_FILE_BYTES = 8 * 1024 * 1024;
const MFLOG = /^(?:\[!)?\[MFLOG\|0\|(.+?)Z\|(.+?)\|(.+?)\](.*)$/;

/** Splits an mflog file into lines; unparsable lines keep their text and no time. */
export function parseMflog(text: string, fallbackSource: string): LogLineView[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((raw) => {
    const m = MFLOG.exec(raw);
    if (!m) return { ts: null, line: raw, source: fallbackSource };
    const ts = Date.parse(`${m[1]}Z`);
    return { ts: Number.isFinite(ts) ? ts : null, line: m[4], source: m[2] };
  });
}

/** Lines in time order; lines without a time keep their place after the timed ones of their file. */
export function mergeByTime(groups: LogLineView[][]): LogLineView[] {
  const keyed = groups.flatMap((g, gi) => g.map((l, i) => ({ l, gi, i })));
  keyed.sort((a, b) => {
    const ta = a.l.ts ?? Number.MAX_SAFE_INTEGER;
    const tb = b.l.ts ?? Number.MAX_SAFE_INTEGER;
    return ta - tb || a.gi - b.gi || a.i - b.i;
  });
  return keyed.map((k) => k.l);
}

const SAFE_SEGMENT = /^[^/\\\0]+$/;

/** The path of a log file under `root`, or null when a segment could escape it. */
export function logFilePath(root: string, segments: string[], fileName: string): string | null {
  if (!path.isAbsolute(root)) return null;
  const all = [...segments, fileName];
  if (all.some((s) => !SAFE_SEGMENT.test(s) || s === "." || s === "..")) return null;
  const base = path.resolve(root);
  const full = path.resolve(base, ...all);
  return full.startsWith(base + path.sep) ? full : null;
}

async function readInside(root: string, file: string): Promise<{ text: string; truncated: boolean } | null> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!realFile.startsWith(realRoot + path.sep)) return null;
    const handle = await open(realFile, "r");
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - MAX_FILE_BYTES);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      let text = buffer.toString("utf8");
      if (start > 0) text = text.slice(text.indexOf("\n") + 1); // drop the partial first line
      return { text, truncated: start > 0 };
    } finally {
      await handle.close();
    }
  } catch {
    return null; // absent or unreadable: no logs from this file
  }
}

export async function readTaskLogs(
  db: Db, flow: string, run: string, step: string, task: string, stream: LogStream, attempt?: number,
): Promise<TaskLogs | null> {
  const found = await findTask(db, flow, run, step, task);
  if (!found) return null;
  const at = attempt ?? found.task.attempt;
  const pushed = await db.logLine.findMany({
    where: { taskId: found.task.id, stream, attempt: at },
    orderBy: { id: "asc" },
    select: { ts: true, line: true },
  });
  const groups: LogLineView[][] = [pushed.map((l) => ({ ts: l.ts, line: l.line, source: "pushed" }))];
  const files: string[] = [];
  let truncated = false;
  const meta = await latestMetadataValues(db, found.task.id, ["ds-type", "ds-root"]);
  const root = meta.get("ds-root");
  if (meta.get("ds-type") === "local" && root) {
    const segments = [flow, runKey(found.run), step, taskKey(found.task)];
    const names = [`${at}.runtime_${stream}.log`, `${at}.task_${stream}.log`, `${at}.${stream}.log`];
    for (const name of names) {
      const file = logFilePath(root, segments, name);
      const read = file ? await readInside(root, file) : null;
      if (!read) continue;
      files.push(name);
      truncated ||= read.truncated;
      groups.push(parseMflog(read.text, name.includes("runtime") ? "runtime" : "task"));
    }
  }
  return { attempt: at, lines: mergeByTime(groups), truncated, files };
}
