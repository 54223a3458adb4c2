// Filters, order and cursors of a run's tasks table and timeline.
import { z } from "zod";
import { limitParam } from "./query-params";
import { badRequest } from "../errors";
import { RUN_STATUSES } from "./status";

export const TASK_PAGE_DEFAULT = 200;
export const TASK_PAGE_MAX = 1000;

export const taskListQuery = z.object({
  step: z.string().min(1, "step must not be empty").max(256, "step is at most 256 characters").optional(),
  status: z.enum(RUN_STATUSES as [string, ...string[]], { message: "status must be running, completed or failed" }).optional(),
  sort: z.enum(["start", "duration"], { message: "sort must be start or duration" }).default("start"),
  order: z.enum(["asc", "desc"], { message: "order must be asc or desc" }).optional(),
  cursor: z.string().max(500, "cursor is too long: pass nextCursor unchanged").optional(),
  limit: limitParam(TASK_PAGE_MAX, TASK_PAGE_DEFAULT),
  namespace: z.string().optional(),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

/** A keyset position: the sort value and the task's id (ties). */
export type TaskCursor = { v: number; id: number; s?: number };

export function encodeTaskCursor(c: TaskCursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeTaskCursor(cursor: string | undefined): TaskCursor | null {
  if (!cursor) return null;
  try {
    const c = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as TaskCursor;
    if (Number.isFinite(c.v) && Number.isSafeInteger(c.id) && (c.s === undefined || Number.isSafeInteger(c.s))) return c;
  } catch {
    /* answered below */
  }
  throw badRequest("cursor is not one this list gave: pass nextCursor from the previous page unchanged.");
}

export const attemptQuery = z.object({
  attempt: z.coerce
    .number({ message: "attempt must be a number" })
    .int("attempt must be a whole number")
    .min(0, "attempt must be 0 or more")
    .max(10_000, "attempt must be at most 10000")
    .optional(),
  namespace: z.string().optional(),
});
