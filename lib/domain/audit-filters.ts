// The filters of the audit history (GET /api/v1/audit and the Audit page),
// newest first by the same opaque (ts, id) keyset cursor as the runs list.
import { z } from "zod";
import { badRequest } from "../errors";
import { decodeCursor, timeParam, type Cursor } from "./run-filters";
import { limitParam, queryParamError } from "./query-params";
import { parsePathspec } from "./pathspec";
import { tagProblem } from "./tags";

export type AuditFilters = {
  user?: string;
  tag?: string;
  /** A run's pathspec, Flow/run. */
  run?: { flow: string; run: string };
  since?: number;
  until?: number;
  limit: number;
  cursor?: Cursor;
};

export const AUDIT_DEFAULT_LIMIT = 50;
export const AUDIT_MAX_LIMIT = 200;

const schema = z.object({
  user: z.string().max(255, "at most 255 characters").optional(),
  tag: z.string().superRefine((t, ctx) => {
    const p = tagProblem(t);
    if (p) ctx.addIssue({ code: "custom", message: p });
  }).optional(),
  run: z.string().max(1000, "at most 1000 characters").optional(),
  since: timeParam.optional(),
  until: timeParam.optional(),
  limit: limitParam(AUDIT_MAX_LIMIT, AUDIT_DEFAULT_LIMIT),
  cursor: z.string().max(200).optional(),
});

export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const raw: Record<string, string> = {};
  for (const k of ["user", "tag", "run", "since", "until", "limit", "cursor"]) {
    const v = params.get(k)?.trim();
    if (v) raw[k] = v;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw queryParamError(parsed.error);
  const p = parsed.data;
  let run: AuditFilters["run"];
  if (p.run) {
    const spec = parsePathspec(p.run);
    if (!spec.run || spec.step) throw badRequest(`run: "${p.run}" is not a run such as HelloFlow/546.`);
    run = { flow: spec.flow, run: spec.run };
  }
  return {
    user: p.user, tag: p.tag, run, since: p.since, until: p.until, limit: p.limit,
    cursor: p.cursor ? decodeCursor(p.cursor) : undefined,
  };
}
