import "server-only";
// A task's logs: lines clients pushed to the database (log_lines), plus, for
// runs recorded with Metaflow's local datastore, the files Metaflow wrote under
// the task's `ds-root`: <ds-root>/<Flow>/<run>/<step>/<task>/<attempt>.<source>_<stream>.log
// (sources runtime and task; `<attempt>.<stream>.log` before mflog), lines
// prefixed [MFLOG|0|<iso time>Z|<source>|<id>]. Files are read only under the
// allowed datastore roots (FLOWDECK_DATASTORE_ROOTS), paged (./log-pages.ts).
import path from "node:path";
import type { Db } from "../db";
import { findTask, runKey, taskKey } from "./resolve";
import { taskDatastore } from "./datastore";
import { readLogPage, type LogPage, type LogStream } from "./log-pages";
import type { LogLineView } from "../domain/mflog";

export { parseMflog } from "../domain/mflog";
export type { LogLineView, LogStream };
export type TaskLogs = LogPage & { truncated: boolean };

export const DEFAULT_LOG_PAGE = 1000;
export const MAX_LOG_PAGE = 10_000;

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

/**
 * One page of a task's logs (latest attempt unless one is asked for), or null
 * when the task does not exist. Files are read only under the allowed roots.
 */
export async function readTaskLogs(
  db: Db, flow: string, run: string, step: string, task: string, stream: LogStream, attempt?: number,
  page: { cursor?: string; limit?: number; q?: string } = {},
): Promise<TaskLogs | null> {
  const found = await findTask(db, flow, run, step, task);
  if (!found) return null;
  const where = await taskDatastore(db, found.task.id);
  const t = { flow, run: runKey(found.run), step, task: taskKey(found.task), taskDbId: found.task.id };
  const logs = await readLogPage(db, t, where, {
    stream, attempt: attempt ?? found.task.attempt, cursor: page.cursor, limit: page.limit ?? DEFAULT_LOG_PAGE, q: page.q,
  });
  return { ...logs, truncated: !logs.atEnd };
}

/** The whole log as text ("<iso time>\t<line>" per line), streamed page by page. */
export async function downloadTaskLog(
  db: Db, flow: string, run: string, step: string, task: string, stream: LogStream, attempt?: number,
): Promise<ReadableStream<Uint8Array> | null> {
  const first = await readTaskLogs(db, flow, run, step, task, stream, attempt, { limit: MAX_LOG_PAGE });
  if (!first) return null;
  const encoder = new TextEncoder();
  let page: TaskLogs | null = first;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!page) return controller.close();
      const text = page.lines.map((l) => `${l.ts === null ? "" : new Date(l.ts).toISOString()}\t${l.line}\n`).join("");
      controller.enqueue(encoder.encode(text));
      page = page.atEnd ? null : await readTaskLogs(db, flow, run, step, task, stream, first.attempt, { limit: MAX_LOG_PAGE, cursor: page.nextCursor });
    },
  });
}
