// The runs table's optional columns (the run itself is always shown), kept in
// the URL as `columns=flow,status,…` when not all of them are shown.
export const RUN_COLUMNS = ["flow", "user", "status", "started", "duration", "tags"] as const;
export type RunColumn = (typeof RUN_COLUMNS)[number];

export const COLUMN_LABELS: Record<RunColumn, string> = {
  flow: "Flow",
  user: "User",
  status: "Status",
  started: "Started",
  duration: "Duration",
  tags: "Tags",
};

/** The shown columns, in table order; every column when the parameter is absent; unknown names are ignored. */
export function parseColumns(param: string | null): RunColumn[] {
  if (param === null) return [...RUN_COLUMNS];
  const named = new Set(param.split(","));
  return RUN_COLUMNS.filter((c) => named.has(c));
}

/** The parameter for these columns: null when every column is shown. */
export function columnsParam(shown: readonly RunColumn[]): string | null {
  const set = new Set(shown);
  // "none" rather than an empty value, which URLs and saved views drop.
  return RUN_COLUMNS.every((c) => set.has(c)) ? null : RUN_COLUMNS.filter((c) => set.has(c)).join(",") || "none";
}
