// The DAG of a run's steps: from the flow's _graph_info artifact (what
// Metaflow's graph.output_steps() records) when it could be read, else from
// the steps recorded so far in the order they started, saying so.
import { z } from "zod";
import type { RunStatus } from "./status";

const graphStep = z.object({
  name: z.string(),
  type: z.string(),
  next: z.array(z.string()).default([]),
  foreach_artifact: z.string().nullish(),
  matching_join: z.string().nullish(),
  doc: z.string().nullish(),
});
const graphInfoSchema = z.object({
  start_step: z.string().optional(),
  end_step: z.string().optional(),
  steps: z.record(z.string(), graphStep),
  parameters: z.array(z.object({ name: z.string(), type: z.string().optional() }).loose()).default([]),
  graph_structure: z.array(z.unknown()).optional(),
  file: z.string().nullish(),
  doc: z.string().nullish(),
});
export type GraphInfo = z.infer<typeof graphInfoSchema>;

/** A _graph_info value (already decoded from its pickle), or null when it is not one. */
export function parseGraphInfo(value: unknown): GraphInfo | null {
  const r = graphInfoSchema.safeParse(value);
  return r.success && Object.keys(r.data.steps).length ? r.data : null;
}

export type StepKind = "start" | "linear" | "split" | "foreach" | "join" | "end" | "switch" | "parallel" | "unknown";
export type StepState = { name: string; status: RunStatus; taskCount: number; createdTs: number };
export type DagNode = {
  name: string;
  kind: StepKind;
  /** not_started: in the graph, no task recorded yet. */
  status: RunStatus | "not_started";
  taskCount: number;
  /** For a foreach split: the artifact it fans out over. */
  foreachArtifact: string | null;
  doc: string | null;
};
export type DagEdge = { from: string; to: string; foreach: boolean };
export type Dag = { source: "graph_info" | "recorded"; note: string | null; nodes: DagNode[]; edges: DagEdge[] };

const KINDS: Record<string, StepKind> = {
  start: "start",
  linear: "linear",
  join: "join",
  end: "end",
  "split-static": "split",
  split: "split",
  "split-foreach": "foreach",
  foreach: "foreach",
  "split-switch": "switch",
  "split-parallel": "parallel",
};

/** Steps Metaflow runs for itself (e.g. _parameters) are not part of the flow's graph. */
export const isInternalStep = (name: string) => name.startsWith("_");

/** Graph order: breadth-first from the start step, then any step it did not reach. */
function graphOrder(info: GraphInfo): string[] {
  const start = info.start_step ?? (info.steps.start ? "start" : Object.keys(info.steps)[0]);
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name) || !info.steps[name]) continue;
    seen.add(name);
    queue.push(...info.steps[name].next);
  }
  for (const name of Object.keys(info.steps)) seen.add(name);
  return [...seen];
}

export function buildDag(info: GraphInfo | null, recorded: StepState[], whyNoGraph: string | null = null): Dag {
  const byName = new Map(recorded.map((s) => [s.name, s]));
  if (info) {
    const order = graphOrder(info);
    const nodes = order.map((name): DagNode => {
      const step = info.steps[name];
      const state = byName.get(name);
      return {
        name,
        kind: KINDS[step.type] ?? "unknown",
        status: state?.status ?? "not_started",
        taskCount: state?.taskCount ?? 0,
        foreachArtifact: step.foreach_artifact ?? null,
        doc: step.doc?.trim() || null,
      };
    });
    const edges = order.flatMap((name) => {
      const step = info.steps[name];
      const foreach = KINDS[step.type] === "foreach";
      return step.next.filter((to) => info.steps[to]).map((to) => ({ from: name, to, foreach }));
    });
    const extra = recorded.filter((s) => !info.steps[s.name] && !isInternalStep(s.name)).map((s) => s.name);
    const note = extra.length ? `Recorded steps not in the flow's graph: ${extra.join(", ")}.` : null;
    return { source: "graph_info", note, nodes, edges };
  }
  const steps = recorded.filter((s) => !isInternalStep(s.name)).sort((a, b) => a.createdTs - b.createdTs);
  const nodes = steps.map((s, i): DagNode => ({
    name: s.name,
    kind: i === 0 && s.name === "start" ? "start" : s.name === "end" ? "end" : "linear",
    status: s.status,
    taskCount: s.taskCount,
    foreachArtifact: null,
    doc: null,
  }));
  const edges = nodes.slice(1).map((n, i) => ({ from: nodes[i].name, to: n.name, foreach: false }));
  const note = `Drawn from the recorded steps in the order they started: the flow's graph (_graph_info) ${whyNoGraph ? `could not be read (${whyNoGraph.replace(/\.$/, "")})` : "was not recorded"}, so splits and joins are not shown.`;
  return { source: "recorded", note, nodes, edges };
}

/** The parameters a flow declares, from _graph_info (names and types). */
export function declaredParameters(info: GraphInfo | null): { name: string; type: string | null }[] {
  return (info?.parameters ?? []).map((p) => ({ name: p.name, type: p.type ?? null }));
}
