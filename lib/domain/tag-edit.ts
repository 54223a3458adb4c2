// Editing user tags from the dashboard, its HTTP API and the CLI: the shared
// request schemas, where a change came from, and how a bulk edit's outcome
// is told to a person. Pure: no database, no Next.
import { z } from "zod";
import { MAX_USER_TAGS, tagProblem } from "./tags";
import { parsePathspec } from "./pathspec";

/** Where a tag change came from, as the audit history records it. */
export const TAG_EDIT_SOURCES = ["ui", "api", "metadata-api", "cli"] as const;
export type TagEditSource = (typeof TAG_EDIT_SOURCES)[number];
export type Actor = { user: string; source: TagEditSource };

/** Who a Metaflow client is: the metadata API carries no user name. */
export const METAFLOW_CLIENT_ACTOR = "metaflow-client";

export const MAX_BULK_RUNS = 100_000;
/** A bound on the work of one request; past MAX_USER_TAGS additions are refused by the tag rules anyway. */
export const MAX_TAGS_PER_EDIT = 1000;

export type TagChange = { add: string[]; remove: string[] };

const tag = z.string({ message: "Tags must be strings" }).superRefine((t, ctx) => {
  const problem = tagProblem(t);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
const tagList = (what: string) =>
  z
    .array(tag, { message: `${what} must be a list of tags` })
    .max(MAX_TAGS_PER_EDIT, `${what}: at most ${MAX_TAGS_PER_EDIT} tags in one edit`)
    .default([]);

export const tagChangeSchema = z
  .object({ add: tagList("add"), remove: tagList("remove") }, { message: "The body must be an object with add and remove lists" })
  .refine((c) => c.add.length + c.remove.length > 0, { message: "Name at least one tag to add or remove." });

/** Replace: rename one tag in one step (Metaflow's replace_tag). */
export const tagReplaceSchema = z.object({ from: tag, to: tag });

const runPathspec = z
  .string({ message: "runs must be pathspecs such as HelloFlow/546" })
  .max(1000)
  .superRefine((p, ctx) => {
    try {
      const spec = parsePathspec(p);
      if (!spec.run || spec.step) ctx.addIssue({ code: "custom", message: `"${p}" is not a run such as HelloFlow/546` });
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message });
    }
  });

/** The run-list filters a bulk edit selects by: the same parameters as GET /api/v1/runs. */
const filterValue = z.union([z.string(), z.array(z.string())]);
export const bulkFilterSchema = z
  .object(
    {
      namespace: z.string().optional(),
      tag: filterValue.optional(),
      anyTag: filterValue.optional(),
      notTag: filterValue.optional(),
      status: z.string().optional(),
      flow: z.string().optional(),
      user: z.string().optional(),
      since: z.union([z.string(), z.number()]).optional(),
      until: z.union([z.string(), z.number()]).optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `${issue.keys.map((k) => `"${k}"`).join(", ")} is not a runs list parameter: use namespace, tag, anyTag, notTag, status, flow, user, since or until`
          : "filter must be an object of runs list parameters",
    },
  )
  .strict();
export type BulkFilter = z.infer<typeof bulkFilterSchema>;

export const bulkTagEditSchema = z
  .object({
    runs: z
      .array(runPathspec, { message: "runs must be a list of pathspecs such as HelloFlow/546" })
      .min(1, "Select at least one run.")
      .max(MAX_BULK_RUNS, `At most ${MAX_BULK_RUNS.toLocaleString("en-US")} runs in one edit.`)
      .optional(),
    filter: bulkFilterSchema.optional(),
    add: tagList("add"),
    remove: tagList("remove"),
  })
  .superRefine((b, ctx) => {
    if (!!b.runs === !!b.filter) ctx.addIssue({ code: "custom", message: "Give either runs (a list of Flow/run) or filter, not both." });
    if (!b.add.length && !b.remove.length) ctx.addIssue({ code: "custom", message: "Name at least one tag to add or remove." });
  });
export type BulkTagEdit = z.infer<typeof bulkTagEditSchema>;

/** Turns a filter object into the query string of the runs list. */
export function filterParams(filter: BulkFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined && v !== "") params.append(key, String(v));
  }
  return params;
}

export type BulkOutcome = {
  changed: number;
  unchanged: number;
  failed: { run: string; error: string }[];
};

const runs = (n: number) => `${n.toLocaleString("en-US")} run${n === 1 ? "" : "s"}`;
const list = (tags: string[]) => tags.join(", ");
const FAILURES_SHOWN = 3;

/**
 * What a bulk edit did, in one sentence a person can check:
 * "Added candidate to 37 runs; 2 already had it; 1 failed: HelloFlow/9 already has 50 tags".
 */
export function describeBulkOutcome(change: TagChange, outcome: BulkOutcome): string {
  const { add, remove } = change;
  const parts: string[] = [];
  const pronoun = (tags: string[]) => (tags.length === 1 ? "it" : "them");
  if (add.length && !remove.length) {
    parts.push(`Added ${list(add)} to ${runs(outcome.changed)}`);
    if (outcome.unchanged) parts.push(`${outcome.unchanged.toLocaleString("en-US")} already had ${pronoun(add)}`);
  } else if (remove.length && !add.length) {
    parts.push(`Removed ${list(remove)} from ${runs(outcome.changed)}`);
    if (outcome.unchanged) parts.push(`${outcome.unchanged.toLocaleString("en-US")} did not have ${pronoun(remove)}`);
  } else {
    parts.push(`Changed the tags of ${runs(outcome.changed)}`);
    if (outcome.unchanged) parts.push(`${outcome.unchanged.toLocaleString("en-US")} needed no change`);
  }
  const failed = outcome.failed;
  if (failed.length) {
    const shown = failed
      .slice(0, FAILURES_SHOWN)
      .map((f) => f.error)
      .join("; ");
    const more = failed.length > FAILURES_SHOWN ? `; and ${(failed.length - FAILURES_SHOWN).toLocaleString("en-US")} more` : "";
    parts.push(`${failed.length.toLocaleString("en-US")} failed: ${shown}${more}`);
  }
  return parts.join("; ");
}

/** Why one run of a bulk edit was refused, naming the run. */
export function describeRunRefusal(pathspec: string, reason: { tooMany?: { current: number; next: number }; message: string }): string {
  if (reason.tooMany) {
    const { current, next } = reason.tooMany;
    return current >= MAX_USER_TAGS ? `${pathspec} already has ${current} tags` : `${pathspec} would have ${next} tags (at most ${MAX_USER_TAGS})`;
  }
  return `${pathspec}: ${reason.message}`;
}

/** What a run's user tags will be once the server applies the change (shown at once, before it answers). */
export function expectedUserTags(current: { tags: string[]; systemTags: string[] }, change: TagChange): string[] {
  const system = new Set(current.systemTags);
  const next = new Set(current.tags);
  for (const t of change.remove) next.delete(t);
  for (const t of change.add) if (!system.has(t)) next.add(t);
  return [...next].sort();
}
