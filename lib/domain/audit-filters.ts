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
  /** Production events of this flow and tag changes of its runs. */
  flow?: string;
  /** One kind of event: tags_changed, deploy, authorize, refuse, rotate, grant, revoke, retire. */
  kind?: string;
  tag?: string;
  /** A run's pathspec, Flow/run. */
  run?: { flow: string; run: string };
  since?: number;
  until?: number;
  limit: number;
  cursor?: Cursor;
};

export const AUDIT_KINDS = ["tags_changed", "deploy", "authorize", "refuse", "rotate", "grant", "revoke", "retire"] as const;
export const AUDIT_DEFAULT_LIMIT = 50;
export const AUDIT_MAX_LIMIT = 200;

/** The audit history's query (GET /api/v1/audit); the OpenAPI document is generated from it. */
export const auditFiltersSchema = z.object({
  user: z.string().max(255, "at most 255 characters").optional(),
  tag: z
    .string()
    .superRefine((t, ctx) => {
      const p = tagProblem(t);
      if (p) ctx.addIssue({ code: "custom", message: p });
    })
    .optional(),
  run: z.string().max(1000, "at most 1000 characters").optional(),
  flow: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a flow name has letters, digits and underscores, starting with a letter")
    .max(255)
    .optional(),
  kind: z.enum(AUDIT_KINDS, { message: `kind must be one of ${AUDIT_KINDS.join(", ")}` }).optional(),
  since: timeParam.optional(),
  until: timeParam.optional(),
  limit: limitParam(AUDIT_MAX_LIMIT, AUDIT_DEFAULT_LIMIT),
  cursor: z.string().max(200).optional(),
});

export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const raw: Record<string, string> = {};
  for (const k of ["user", "flow", "kind", "tag", "run", "since", "until", "limit", "cursor"]) {
    const v = params.get(k)?.trim();
    if (v) raw[k] = v;
  }
  const parsed = auditFiltersSchema.safeParse(raw);
  if (!parsed.success) throw queryParamError(parsed.error);
  const p = parsed.data;
  let run: AuditFilters["run"];
  if (p.run) {
    const spec = parsePathspec(p.run);
    if (!spec.run || spec.step) throw badRequest(`run: "${p.run}" is not a run such as HelloFlow/546.`);
    run = { flow: spec.flow, run: spec.run };
  }
  return {
    user: p.user,
    flow: p.flow,
    kind: p.kind,
    tag: p.tag,
    run,
    since: p.since,
    until: p.until,
    limit: p.limit,
    cursor: p.cursor ? decodeCursor(p.cursor) : undefined,
  };
}
