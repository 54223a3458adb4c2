// The filters of the runs list, as read from a URL or API query, and the
// opaque keyset cursor. Pure: shared by the dashboard API, pages and tests.
import { z } from "zod";
import { RUN_STATUSES, type RunStatus } from "./status";
import { MAX_TAG_LENGTH, tagProblem } from "./tags";
import { parseNamespace, type Namespace } from "./namespace";
import { limitParam, queryParamError } from "./query-params";
import { DEFAULT_SORT, decodeCursor, sortDirSchema, sortKeySchema, firstDir, type Cursor, type RunSort } from "./run-sort";

export { encodeCursor, decodeCursor, type Cursor } from "./run-sort";

export type RunFilters = {
  namespace: Namespace;
  allTags: string[];
  anyTags: string[];
  notTags: string[];
  status?: RunStatus;
  flow?: string;
  user?: string;
  since?: number;
  until?: number;
  limit: number;
  cursor?: Cursor;
  /** Default: newest start first. */
  sort?: RunSort;
};

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

const tag = z.string().superRefine((t, ctx) => {
  const p = tagProblem(t);
  if (!p) return;
  // Metaflow's words, then what to do about it.
  const hint = p.startsWith("Tag is too long")
    ? `: a tag has at most ${MAX_TAG_LENGTH} characters, so no run carries this one; remove the filter or shorten the tag`
    : "";
  ctx.addIssue({ code: "custom", message: `${p}${hint}` });
});

export const timeParam = z.string().transform((s, ctx) => {
  const n = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: "custom", message: `"${s}" is not a time: use an ISO date or epoch milliseconds` });
    return z.NEVER;
  }
  return n;
});

/** The runs list's query (GET /api/v1/runs, /runs/count, saved views); the OpenAPI document is generated from it. */
export const runFiltersSchema = z.object({
  namespace: z.string().optional(),
  tag: z.array(tag).max(20, "at most 20 tags").default([]),
  anyTag: z.array(tag).max(20, "at most 20 tags").default([]),
  notTag: z.array(tag).max(20, "at most 20 tags").default([]),
  status: z.enum(RUN_STATUSES as [RunStatus, ...RunStatus[]], { message: `status must be one of ${RUN_STATUSES.join(", ")}` }).optional(),
  flow: z.string().min(1).max(255).optional(),
  user: z.string().min(1).max(255).optional(),
  since: timeParam.optional(),
  until: timeParam.optional(),
  limit: limitParam(MAX_LIMIT, DEFAULT_LIMIT),
  cursor: z.string().max(1200).optional(),
  sort: sortKeySchema.optional(),
  dir: sortDirSchema.optional(),
});

/** Reads filters from URL search params; `defaultNamespace` applies when none is given. */
export function parseRunFilters(params: URLSearchParams, defaultNamespace: string): RunFilters {
  const raw: Record<string, unknown> = { tag: params.getAll("tag"), anyTag: params.getAll("anyTag"), notTag: params.getAll("notTag") };
  for (const k of ["namespace", "status", "flow", "user", "since", "until", "limit", "cursor", "sort", "dir"]) {
    const v = params.get(k);
    if (v !== null && v !== "") raw[k] = v;
  }
  const parsed = runFiltersSchema.safeParse(raw);
  if (!parsed.success) throw queryParamError(parsed.error);
  const p = parsed.data;
  const key = p.sort ?? DEFAULT_SORT.key;
  const sort: RunSort = { key, dir: p.dir ?? (p.sort ? firstDir(key) : DEFAULT_SORT.dir) };
  return {
    namespace: parseNamespace(p.namespace ?? defaultNamespace),
    allTags: [...new Set(p.tag)],
    anyTags: [...new Set(p.anyTag)],
    notTags: [...new Set(p.notTag)],
    status: p.status,
    flow: p.flow,
    user: p.user,
    since: p.since,
    until: p.until,
    limit: p.limit,
    cursor: p.cursor ? decodeCursor(p.cursor, sort) : undefined,
    sort,
  };
}

/** The tags every listed run must carry: namespace, all-of tags and the owner. */
export function requiredTags(f: Pick<RunFilters, "namespace" | "allTags" | "user">): string[] {
  const tags = [...f.allTags];
  if (f.namespace.kind === "tag") tags.push(f.namespace.tag);
  if (f.user) tags.push(`user:${f.user}`);
  return [...new Set(tags)];
}
