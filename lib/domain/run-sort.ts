// The orders of the runs list and their keyset cursors. Pure: shared by the
// dashboard API, pages and tests.
//
// - start: the run's creation time, ties by id (the default, newest first).
// - duration: end minus start of a finished run (completed or failed with a
//   verdict), ties by id. A run with no finish time (running, or died with no
//   end step) has no duration yet: those come after every finished run in both
//   directions, newest first, so a running run never moves while it runs.
// - status, flow, user: the runs of each value together, the values in the
//   order asked (status: completed < failed < running; flow and user by name,
//   code-unit order), and within a value newest first in both directions. User
//   is the run's user: tag (the first, for the rare run with several); runs
//   with none (production runs) come last.
import { z } from "zod";
import { badRequest } from "../errors";

export const SORT_KEYS = ["start", "duration", "status", "flow", "user"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";
export type RunSort = { key: SortKey; dir: SortDir };
export const DEFAULT_SORT: RunSort = { key: "start", dir: "desc" };

/** Sorts whose runs come value by value, newest first within each. */
export type GroupedKey = "status" | "flow" | "user";
export const isGrouped = (k: SortKey): k is GroupedKey => k === "status" || k === "flow" || k === "user";

export const sortKeySchema = z
  .enum(SORT_KEYS, { message: `sort must be one of ${SORT_KEYS.join(", ")}` })
  .meta({ description: "Order of the list: start (default), duration, status, flow or user" });
export const sortDirSchema = z.enum(["asc", "desc"], { message: "dir must be asc or desc" }).meta({
  description: "Direction: desc (default for start and duration) or asc; for status, flow and user the order of the values, runs newest first within each",
});

/** The direction a column opens with when first clicked. */
export const firstDir = (k: SortKey): SortDir => (k === "start" || k === "duration" ? "desc" : "asc");

export const sameSort = (a: RunSort, b: RunSort) => a.key === b.key && a.dir === b.dir;
export const sortName = (s: RunSort) => `${s.key}.${s.dir}`;

/**
 * Where a page ends: the run's creation time and id, and for the other orders
 * the sort value (duration in ms or null; the status, flow or user, null for
 * runs with no user tag).
 */
export type Cursor = { ts: number; id: number; value?: number | string | null };

export function encodeCursor(c: Cursor, sort: RunSort = DEFAULT_SORT): string {
  // The default order keeps its original two-element form: cursors handed out before sorting existed stay valid.
  const body = sameSort(sort, DEFAULT_SORT) ? [c.ts, c.id] : [sortName(sort), c.value ?? null, c.ts, c.id];
  return Buffer.from(JSON.stringify(body)).toString("base64url");
}

const MALFORMED = "The cursor is malformed: start again from the first page.";

export function decodeCursor(s: string, sort: RunSort = DEFAULT_SORT): Cursor {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
  } catch {
    throw badRequest(MALFORMED);
  }
  if (!Array.isArray(body)) throw badRequest(MALFORMED);
  const [name, value, ts, id] = body.length === 2 ? [sortName(DEFAULT_SORT), null, body[0], body[1]] : body;
  if (
    typeof name !== "string" ||
    !Number.isFinite(ts) ||
    !Number.isSafeInteger(id) ||
    body.length > 4 ||
    !(value === null || typeof value === "string" || Number.isFinite(value))
  )
    throw badRequest(MALFORMED);
  if (name === sortName(sort) && !valueFits(sort.key, value)) throw badRequest(MALFORMED);
  if (name !== sortName(sort)) {
    throw badRequest(`This cursor pages the list sorted by ${name.replace(".", " ")}, not by ${sort.key} ${sort.dir}: start again from the first page.`);
  }
  return body.length === 2 ? { ts, id } : { ts, id, value };
}

function valueFits(key: SortKey, v: unknown): boolean {
  switch (key) {
    case "start":
      return v === null;
    case "duration":
      return v === null || typeof v === "number";
    case "status":
      return v === "completed" || v === "failed" || v === "running";
    case "flow":
      return typeof v === "string";
    case "user":
      return v === null || typeof v === "string";
  }
}

/** The order a URL asks for (an unknown one reads as the default; the API refuses it with a message). */
export function sortOfParams(params: URLSearchParams): RunSort {
  const key = sortKeySchema.safeParse(params.get("sort") ?? undefined);
  if (!key.success || key.data === undefined) return DEFAULT_SORT;
  const dir = sortDirSchema.safeParse(params.get("dir") ?? undefined);
  return { key: key.data, dir: dir.success && dir.data ? dir.data : firstDir(key.data) };
}

/** The URL parameters of an order: none for the default. */
export function sortParams(sort: RunSort): { sort?: string; dir?: string } {
  return sameSort(sort, DEFAULT_SORT) ? {} : { sort: sort.key, dir: sort.dir };
}

/** How the list is ordered, in words ("newest first", "by flow, Z to A"). */
export function describeSort(s: RunSort): string {
  switch (s.key) {
    case "start":
      return s.dir === "desc" ? "newest first" : "oldest first";
    case "duration":
      return s.dir === "desc" ? "longest first" : "shortest first";
    case "status":
      return s.dir === "asc" ? "by status, completed first" : "by status, running first";
    case "flow":
      return s.dir === "asc" ? "by flow, A to Z" : "by flow, Z to A";
    case "user":
      return s.dir === "asc" ? "by user, A to Z" : "by user, Z to A";
  }
}
