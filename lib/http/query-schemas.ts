// The query parameters of the dashboard API's routes (/api/v1), as the routes
// parse them. Kept out of the route files (Next allows only its own exports
// there) so that the OpenAPI document (lib/openapi) is generated from the very
// schemas the routes validate with. The runs list and audit filters are in
// lib/domain (runFiltersSchema, auditFiltersSchema), deployment path
// parameters in lib/domain/deployment-requests.ts.
import { z } from "zod";
import { MAX_TAG_LENGTH } from "../domain/tags";
import { limitParam } from "../domain/query-params";
import { AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT } from "../domain/audit-filters";
import { MAX_SUGGESTIONS } from "../data/tags-read";
import { MAX_LOG_PAGE } from "../data/logs-read";
import { TASK_PAGE_DEFAULT, TASK_PAGE_MAX } from "../domain/task-list";
import { NAMESPACES_DEFAULT_LIMIT, NAMESPACES_MAX_LIMIT } from "../data/namespaces-read";

const namespace = z.string().optional().meta({
  description:
    "Namespace in effect: a tag such as user:anne, production:<token> or xyz_features, or `global`. Default: the remembered choice, else user:<you>.",
});

/** GET /flows, /flows/{flow}/latest-run, /runs/{flow}/{run}, /runs/{flow}/{run}/tags. */
export const namespaceQuery = z.object({ namespace });

/** GET /namespaces. */
export const namespacesQuery = z.object({
  prefix: z.string().max(500, "prefix must be at most 500 characters").optional().meta({ description: "Only namespaces starting with this" }),
  limit: limitParam(NAMESPACES_MAX_LIMIT, NAMESPACES_DEFAULT_LIMIT).meta({
    description: "At most this many of each kind (users, production tokens, tags), by run count",
  }),
});

/** GET /tags: autocomplete. */
export const tagSuggestionsQuery = z.object({
  prefix: z.string().max(MAX_TAG_LENGTH, `prefix must be at most ${MAX_TAG_LENGTH} characters`).default("").meta({ description: "What has been typed so far" }),
  limit: limitParam(MAX_SUGGESTIONS, MAX_SUGGESTIONS).meta({ description: "At most this many suggestions" }),
});

/** GET /runs/{flow}/{run}/tag-history. */
export const tagHistoryQuery = z.object({
  limit: limitParam(AUDIT_MAX_LIMIT, AUDIT_DEFAULT_LIMIT),
  cursor: z.string().max(200).optional().meta({ description: "nextCursor of the previous page" }),
});

/** GET /runs/{flow}/{run}/{step}/{task}/logs. */
export const taskLogsQuery = z.object({
  stream: z.enum(["stdout", "stderr"], { message: "stream must be stdout or stderr" }).default("stdout"),
  attempt: z.coerce
    .number({ message: "attempt must be a number" })
    .int("attempt must be a whole number")
    .min(0)
    .max(10_000)
    .optional()
    .meta({ description: "Attempt number; the latest by default" }),
  namespace: z.string().optional().meta({ description: "Namespace in effect; a run outside it is refused (404 not_in_namespace)" }),
  cursor: z
    .string()
    .max(2000, "cursor is too long: pass nextCursor unchanged")
    .optional()
    .meta({ description: "The nextCursor of the previous page (also after the end: follow mode)" }),
  limit: z.coerce
    .number({ message: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(MAX_LOG_PAGE, `limit must be at most ${MAX_LOG_PAGE}`)
    .optional()
    .meta({ description: `Lines per page, at most ${MAX_LOG_PAGE}` }),
  q: z.string().max(500, "q (the search) must be at most 500 characters").optional().meta({ description: "Search: plain text, any case" }),
  download: z.enum(["1", "true"], { message: "download must be 1" }).optional().meta({ description: "1: the whole log as text" }),
});

/** GET /runs/{flow}/{run}/timeline. */
export const timelineQuery = z.object({
  cursor: z.string().max(500, "cursor is too long: pass nextCursor unchanged").optional(),
  limit: limitParam(TASK_PAGE_MAX, TASK_PAGE_DEFAULT),
  namespace: z.string().optional(),
});

/** GET /events. */
export const eventsQuery = z.object({
  namespace: z.string().max(1000).default("global").meta({ description: "Namespace being viewed" }),
});

/** GET /resolve. */
/** GET /pathspecs: Go to pathspec's suggestions. */
export const pathspecSuggestionsQuery = z.object({
  prefix: z
    .string()
    .max(500, "prefix must be at most 500 characters")
    .refine((s) => !/\p{Cc}/u.test(s), "prefix cannot contain control characters")
    .default("")
    .meta({ description: "What has been typed: part of a flow name (any case), or Flow/ and the start of a run id" }),
  namespace: z.string().optional().meta({ description: "Runs are suggested from this namespace (default: the remembered choice, else user:<you>)" }),
});

export const resolveQuery = z.object({
  pathspec: z.string().max(2000, "That is too long to be a pathspec.").default("").meta({ description: "Flow, Flow/run, Flow/run/step or Flow/run/step/task" }),
  namespace,
});
