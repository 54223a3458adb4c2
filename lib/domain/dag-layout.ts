// Positions of a DAG's steps and edges, by dagre (top to bottom), for plain SVG.
import dagre from "@dagrejs/dagre";
import type { Dag } from "./dag";

export const NODE_W = 168;
export const NODE_H = 52;

export type DagLayout = {
  width: number;
  height: number;
  nodes: { name: string; x: number; y: number }[];
  edges: { from: string; to: string; foreach: boolean; points: { x: number; y: number }[] }[];
};

// A layout depends only on the steps' names and the edges, which a flow keeps
// from run to run: pages and their polls reuse it instead of running dagre again.
const layouts = new Map<string, DagLayout>();
const MAX_LAYOUTS = 200;

export function layoutDag(dag: Dag): DagLayout {
  const key = JSON.stringify([dag.nodes.map((n) => n.name), dag.edges]);
  let layout = layouts.get(key);
  if (!layout) {
    if (layouts.size >= MAX_LAYOUTS) layouts.delete(layouts.keys().next().value!);
    layouts.set(key, (layout = computeLayout(dag)));
  }
  return layout;
}

function computeLayout(dag: Dag): DagLayout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: 28, ranksep: 44, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of dag.nodes) g.setNode(n.name, { width: NODE_W, height: NODE_H });
  for (const e of dag.edges) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const graph = g.graph();
  return {
    width: Math.ceil(graph.width ?? NODE_W),
    height: Math.ceil(graph.height ?? NODE_H),
    nodes: dag.nodes.map((n) => {
      const p = g.node(n.name);
      return { name: n.name, x: p.x, y: p.y };
    }),
    edges: dag.edges.map((e) => ({ ...e, points: (g.edge(e.from, e.to)?.points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y })) })),
  };
}
