// React Query keys, one factory per entity. Every key starts with the entity's
// name, so `queryClient.invalidateQueries({ queryKey: queryKeys.runs.all })`
// refreshes every runs list whatever its filters. Filters are plain,
// JSON-serializable objects (namespace, tags, status, cursor, …).

type Filters = object;

export const queryKeys = {
  runs: {
    all: ["runs"] as const,
    list: <F extends Filters>(filters: F) => ["runs", "list", filters] as const,
    count: (namespace: string, filters: string) => ["runs", "count", namespace, filters] as const,
  },
  run: {
    all: ["run"] as const,
    detail: (flow: string, runId: string) => ["run", flow, runId] as const,
    /** Everything shown about one run (its DAG, timeline, tasks): invalidated together on a live change. */
    of: (flow: string, runId: string) => ["run", "of", flow, runId] as const,
    dag: (flow: string, runId: string) => ["run", "of", flow, runId, "dag"] as const,
    timeline: (flow: string, runId: string) => ["run", "of", flow, runId, "timeline"] as const,
    tasks: <F extends Filters>(flow: string, runId: string, filters: F) => ["run", "of", flow, runId, "tasks", filters] as const,
  },
  flows: {
    all: ["flows"] as const,
    list: <F extends Filters>(filters: F) => ["flows", "list", filters] as const,
    detail: (flow: string) => ["flows", "detail", flow] as const,
  },
  namespaces: {
    all: ["namespaces"] as const,
    list: <F extends Filters>(filters: F = {} as F) => ["namespaces", "list", filters] as const,
  },
  tags: {
    all: ["tags"] as const,
    list: <F extends Filters>(filters: F) => ["tags", "list", filters] as const,
    forRun: (flow: string, runId: string) => ["tags", "run", flow, runId] as const,
    history: (flow: string, runId: string) => ["tags", "history", flow, runId] as const,
  },
  pathspecs: {
    all: ["pathspecs"] as const,
    suggestions: (prefix: string, namespace: string | null) => ["pathspecs", "suggestions", prefix, namespace] as const,
  },
  views: {
    all: ["views"] as const,
    list: () => ["views", "list"] as const,
  },
  audit: {
    all: ["audit"] as const,
    list: <F extends Filters>(filters: F) => ["audit", "list", filters] as const,
  },
  steps: {
    all: ["steps"] as const,
    list: (flow: string, runId: string) => ["steps", "list", flow, runId] as const,
    detail: (flow: string, runId: string, step: string) => ["steps", "detail", flow, runId, step] as const,
  },
  tasks: {
    all: ["tasks"] as const,
    list: <F extends Filters>(flow: string, runId: string, step: string, filters: F = {} as F) => ["tasks", "list", flow, runId, step, filters] as const,
    detail: (pathspec: string) => ["tasks", "detail", pathspec] as const,
    artifact: (pathspec: string, name: string, attempt: number) => ["tasks", "artifact", pathspec, name, attempt] as const,
    cards: (pathspec: string) => ["tasks", "cards", pathspec] as const,
  },
  logs: {
    all: ["logs"] as const,
    task: (pathspec: string, stream: "stdout" | "stderr", attempt?: number) => ["logs", pathspec, stream, attempt ?? "latest"] as const,
    search: (pathspec: string, stream: "stdout" | "stderr", attempt: number, q: string) => ["logs", pathspec, stream, attempt, "search", q] as const,
  },
} as const;

export type QueryKeys = typeof queryKeys;
