// Pieces shared by every parser of URL query parameters (the runs list, the
// audit history, autocomplete, namespaces): a bounded page size, and a
// refusal that names the parameter once.
import { z } from "zod";
import { badRequest, type UserError } from "../errors";

/** `limit`: a whole number in 1…max, `fallback` when absent. */
export function limitParam(max: number, fallback: number) {
  return z.coerce
    .number({ message: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(max, `limit must be at most ${max}`)
    .default(fallback);
}

/** The 400 for the first problem: "since: "x" is not a time", not "since: since …". */
export function queryParamError(error: z.ZodError): UserError {
  const issue = error.issues[0];
  const param = String(issue.path[0] ?? "query");
  return badRequest(issue.message.startsWith(`${param} `) ? issue.message : `${param}: ${issue.message}`);
}
