// Dashboard addresses that keep the namespace in the URL, so a shared link
// opens the same view.
import { parsePathspec } from "@/lib/domain/pathspec";

export function withNamespace(path: string, namespace: string, hash = ""): string {
  return `${path}?namespace=${encodeURIComponent(namespace)}${hash}`;
}

export function runHref(flow: string, run: string, namespace: string, hash = ""): string {
  return withNamespace(`/runs/${encodeURIComponent(flow)}/${encodeURIComponent(run)}`, namespace, hash);
}

/** The runs list in a namespace: one click switches to it. */
export function namespaceHref(namespace: string): string {
  return withNamespace("/", namespace);
}

/**
 * Where a typed pathspec leads: a flow to its runs, a run to its page, a step
 * or task to the run page anchored at it. Throws the parser's UserError.
 */
export function pathspecTarget(input: string, namespace: string | null): string {
  const p = parsePathspec(input);
  const ns = namespace ? `namespace=${encodeURIComponent(namespace)}` : "";
  if (!p.run) return `/?${ns ? `${ns}&` : ""}flow=${encodeURIComponent(p.flow)}`;
  const hash = p.task ? `#task-${p.task}` : p.step ? `#step-${p.step}` : "";
  return `/runs/${encodeURIComponent(p.flow)}/${encodeURIComponent(p.run)}${ns ? `?${ns}` : ""}${hash}`;
}
