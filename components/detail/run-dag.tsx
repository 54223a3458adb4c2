"use client";
// The run's DAG in plain SVG, laid out by dagre on the server. Each step is
// coloured by status and opens the step's page; a foreach fan-out is drawn as
// a stack with its task count.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { Dag, DagNode } from "@/lib/domain/dag";
import { NODE_H, NODE_W, type DagLayout } from "@/lib/domain/dag-layout";
import { fetchJson } from "@/lib/http/fetch-json";
import { queryKeys } from "@/lib/query-keys";
import { runApi, stepHref } from "./api";
import { useFallbackPoll } from "./live-fallback";

export type DagData = Dag & { layout: DagLayout };

const FILL: Record<DagNode["status"], string> = {
  completed: "fill-emerald-50 stroke-emerald-600 dark:fill-emerald-950",
  failed: "fill-rose-50 stroke-rose-600 dark:fill-rose-950",
  running: "fill-sky-50 stroke-sky-600 dark:fill-sky-950",
  not_started: "fill-zinc-50 stroke-zinc-400 stroke-dasharray-4 dark:fill-zinc-900",
};
const WORD: Record<DagNode["status"], string> = { completed: "completed", failed: "failed", running: "running", not_started: "not started" };

function path(points: { x: number; y: number }[]): string {
  return points.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
}

export function RunDag({ flow, run, namespace, initial, running }: { flow: string; run: string; namespace: string; initial: DagData; running: boolean }) {
  const poll = useFallbackPoll(running);
  const { data } = useQuery({
    queryKey: queryKeys.run.dag(flow, run),
    queryFn: () => fetchJson<DagData>(runApi(flow, run, "/dag", namespace)),
    initialData: initial,
    refetchInterval: poll,
  });
  const { layout, nodes } = data;
  const byName = new Map(nodes.map((n) => [n.name, n]));
  return (
    <figure className="space-y-2">
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white p-2 dark:border-zinc-800 dark:bg-zinc-950">
        <svg
          role="group"
          aria-label={`DAG of ${flow}/${run}: ${nodes.map((n) => n.name).join(", ")}`}
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          className="mx-auto block max-w-none"
        >
          <defs>
            <marker id="dag-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="fill-zinc-400" />
            </marker>
          </defs>
          {layout.edges.map((e) => (
            <path
              key={`${e.from}-${e.to}`}
              d={path(e.points)}
              markerEnd="url(#dag-arrow)"
              className={`fill-none ${e.foreach ? "stroke-violet-500" : "stroke-zinc-400"}`}
              strokeWidth={e.foreach ? 2 : 1.5}
              strokeDasharray={e.foreach ? "5 3" : undefined}
              data-foreach={e.foreach || undefined}
            />
          ))}
          {layout.nodes.map((p) => {
            const n = byName.get(p.name)!;
            const x = p.x - NODE_W / 2;
            const y = p.y - NODE_H / 2;
            const fanned = n.taskCount > 1;
            const label = `Step ${n.name}: ${n.kind}, ${WORD[n.status]}, ${n.taskCount} ${n.taskCount === 1 ? "task" : "tasks"}${n.foreachArtifact ? `, foreach over ${n.foreachArtifact}` : ""}`;
            return (
              <Link key={n.name} href={stepHref(flow, run, n.name, namespace)} aria-label={label} data-step={n.name} data-status={n.status}>
                <title>{label}</title>
                {fanned ? <rect x={x + 6} y={y + 6} width={NODE_W} height={NODE_H} rx={8} className={`${FILL[n.status]} opacity-60`} strokeWidth={1} /> : null}
                {fanned ? <rect x={x + 3} y={y + 3} width={NODE_W} height={NODE_H} rx={8} className={`${FILL[n.status]} opacity-80`} strokeWidth={1} /> : null}
                <rect
                  x={x}
                  y={y}
                  width={NODE_W}
                  height={NODE_H}
                  rx={8}
                  className={`${FILL[n.status]} hover:stroke-[3px]`}
                  strokeWidth={1.5}
                  strokeDasharray={n.status === "not_started" ? "4 3" : undefined}
                />
                <text x={p.x} y={y + 20} textAnchor="middle" className="fill-zinc-900 font-mono text-[13px] font-semibold dark:fill-zinc-100">
                  {n.name}
                </text>
                <text x={p.x} y={y + 38} textAnchor="middle" className="fill-zinc-600 text-[11px] dark:fill-zinc-400">
                  {n.kind === "foreach" ? `foreach ${n.foreachArtifact ?? ""}` : n.kind}
                  {" · "}
                  {n.taskCount > 1 ? `×${n.taskCount.toLocaleString("en-US")} tasks` : n.status === "not_started" ? "not started" : `${n.taskCount} task`}
                </text>
              </Link>
            );
          })}
        </svg>
      </div>
      {data.note ? (
        <figcaption className="text-sm text-zinc-600 dark:text-zinc-400">{data.note}</figcaption>
      ) : (
        <figcaption className="text-xs text-zinc-500 dark:text-zinc-400">Drawn from the flow&apos;s graph (_graph_info). Click a step to open it.</figcaption>
      )}
    </figure>
  );
}
