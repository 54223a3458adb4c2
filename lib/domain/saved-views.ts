// Saved views of the runs list: a name and the list's URL query (namespace,
// filters, order, grouping and columns). Pure: the shared schema and the canonical query.
import { z } from "zod";
import { parseRunFilters } from "./run-filters";
import { columnsParam, parseColumns } from "./run-columns";

export const VIEW_PARAMS = ["namespace", "tag", "anyTag", "notTag", "status", "flow", "user", "since", "until", "sort", "dir", "group", "columns"] as const;

export const viewNameSchema = z
  .string({ message: "Name the view." })
  .trim()
  .min(1, "Name the view.")
  .max(100, "A view name is at most 100 characters.")
  .refine((s) => !/\p{Cc}/u.test(s), "A view name cannot contain control characters.");

/**
 * The view's query: only the runs list's own parameters, in a fixed order, each
 * checked as the list checks it (throws the list's 400 for a bad one).
 */
export function canonicalViewQuery(query: string): string {
  const given = new URLSearchParams(query.replace(/^\?/, ""));
  const out = new URLSearchParams();
  for (const key of VIEW_PARAMS) for (const v of given.getAll(key)) if (v !== "") out.append(key, v);
  parseRunFilters(out, "global");
  const group = out.get("group");
  if (group !== null && group !== "flow" && group !== "user") out.delete("group");
  const columns = out.get("columns");
  const shown = columns === null ? null : columnsParam(parseColumns(columns));
  if (shown === null) out.delete("columns");
  else out.set("columns", shown);
  return out.toString();
}
