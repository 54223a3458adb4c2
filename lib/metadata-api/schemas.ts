// Request bodies of the metadata API. Lenient where Metaflow's clients are
// loose (missing fields, numbers for strings), strict where a wrong type would
// store nonsense. Tag content rules (length, count) are the domain's.
import { z } from "zod";

const MAX_NAME = 255;
const name = (what: string) => z.string({ message: `${what} must be a string` }).max(MAX_NAME, `${what} is longer than ${MAX_NAME} characters`);
const stringList = (what: string) =>
  z
    .array(z.string({ message: `${what} must be a list of strings` }), { message: `${what} must be a list of strings` })
    .nullish()
    .transform((v) => v ?? []);
/**
 * Metadata values are text. Metaflow stringifies most itself but sends some
 * structured (foreach-stack is a list): those are kept as JSON text.
 */
const metadataValue = z
  .unknown()
  .transform((v) => (typeof v === "string" ? v : v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v)));

const object = {
  user_name: name("user_name")
    .nullish()
    .transform((v) => v ?? ""),
  tags: stringList("tags"),
  system_tags: stringList("system_tags"),
};

export const objectBody = z.object(object);

export const runBody = z.object({
  ...object,
  run_number: z.union([z.string().min(1).max(MAX_NAME), z.number()], { message: "run_number must be a string" }).nullish(),
  ts_epoch: z.number({ message: "ts_epoch must be a number of milliseconds" }).int().positive().max(1e14).nullish(),
});

export const taskBody = z.object({
  ...object,
  task_id: z.union([z.string().min(1).max(MAX_NAME), z.number()], { message: "task_id must be a string" }).nullish(),
});

export const metadataBody = z
  .array(
    z.object({
      field_name: name("field_name"),
      value: metadataValue,
      type: name("type")
        .nullish()
        .transform((v) => v ?? ""),
      user_name: name("user_name")
        .nullish()
        .transform((v) => v ?? ""),
      tags: stringList("tags"),
      system_tags: stringList("system_tags"),
    }),
    { message: "The body must be a list of metadata objects" },
  )
  .max(10_000, "At most 10000 metadata entries per request");

const field = (what: string) =>
  z
    .string({ message: `${what} must be a string` })
    .max(4096)
    .nullish()
    .transform((v) => v ?? "");

export const artifactBody = z
  .array(
    z.object({
      name: name("name"),
      location: field("location"),
      ds_type: field("ds_type"),
      sha: field("sha"),
      type: field("type"),
      content_type: field("content_type"),
      attempt_id: z.coerce.number({ message: "attempt_id must be a number" }).int().min(0).max(10_000).default(0),
      user_name: name("user_name")
        .nullish()
        .transform((v) => v ?? ""),
    }),
    { message: "The body must be a list of artifact objects" },
  )
  .max(10_000, "At most 10000 artifacts per request");

/** Same messages as Metaflow's service: it checks "is a list" first, then "are strings". */
export const tagMutationBody = z
  .object(
    {
      tags_to_add: z.unknown().optional(),
      tags_to_remove: z.unknown().optional(),
    },
    { message: "The body must be an object with tags_to_add and tags_to_remove" },
  )
  .transform((b, ctx) => {
    const add = b.tags_to_add ?? [];
    const remove = b.tags_to_remove ?? [];
    if (!Array.isArray(add)) ctx.addIssue({ code: "custom", message: "tags_to_add must be a list" });
    else if (!Array.isArray(remove)) ctx.addIssue({ code: "custom", message: "tags_to_remove must be a list" });
    else if (![...add, ...remove].every((t) => typeof t === "string")) {
      ctx.addIssue({ code: "custom", message: "All tag values must be strings" });
    } else {
      return { add: add as string[], remove: remove as string[] };
    }
    return z.NEVER;
  });

export const logLinesBody = z.object({
  stream: z.enum(["stdout", "stderr"], { message: "stream must be stdout or stderr" }),
  attempt: z.number().int().min(0).max(10_000).optional(),
  lines: z
    .array(
      z.object({
        line: z.string({ message: "line must be a string" }).max(65_536, "a log line is at most 65536 characters"),
        ts: z.number({ message: "ts must be epoch milliseconds" }).positive().max(1e14).optional(),
      }),
      { message: "lines must be a list of {line, ts?}" },
    )
    .min(1, "lines must hold at least one line")
    .max(10_000, "At most 10000 lines per request"),
});
