// Addresses of the run and task routes of the dashboard API, with the namespace.
export function runApi(flow: string, run: string, tail: string, namespace: string, query: Record<string, string | number | undefined | null> = {}): string {
  const q = new URLSearchParams({ namespace });
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  return `/api/v1/runs/${encodeURIComponent(flow)}/${encodeURIComponent(run)}${tail}?${q}`;
}

export function taskApi(
  pathspec: { flow: string; run: string; step: string; task: string },
  tail: string,
  namespace: string,
  query: Record<string, string | number | undefined | null> = {},
): string {
  return runApi(pathspec.flow, pathspec.run, `/${encodeURIComponent(pathspec.step)}/${encodeURIComponent(pathspec.task)}${tail}`, namespace, query);
}

export function stepHref(flow: string, run: string, step: string, namespace: string): string {
  return `/runs/${encodeURIComponent(flow)}/${encodeURIComponent(run)}/${encodeURIComponent(step)}?namespace=${encodeURIComponent(namespace)}`;
}

export function taskHref(flow: string, run: string, step: string, task: string, namespace: string): string {
  return `/runs/${encodeURIComponent(flow)}/${encodeURIComponent(run)}/${encodeURIComponent(step)}/${encodeURIComponent(task)}?namespace=${encodeURIComponent(namespace)}`;
}

export function clientDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

export function clientTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19) + " UTC";
}
