"use client";
// The run's steps and their first tasks. A client component so that the page's
// payload carries these rows as data, not as their rendered markup twice over
// (once in the HTML, once in the React tree it hydrates from).
import type { StepRow, TaskRow } from "@/lib/data/steps-read";
import { taskCurrent } from "@/lib/domain/task";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDuration, formatTime } from "@/components/ui/format";
import { CurrentIds } from "./current-ids";

/** What the list shows of a task; its `current` ids follow from the run, the step and the task. */
export type StepItemTask = Omit<TaskRow, "current" | "finishedTs"> & { userName: string };
export type StepItem = Pick<StepRow, "name" | "status" | "taskCount" | "counts"> & { tasks: StepItemTask[] };
export type StepsRun = { flow: string; key: string; originRunId: string | null };

function countsText(step: StepItem): string {
  const parts = (["completed", "failed", "running"] as const).filter((s) => step.counts[s]).map((s) => `${step.counts[s]} ${s}`);
  return `${step.taskCount} ${step.taskCount === 1 ? "task" : "tasks"}${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

function TaskItem({ run, step, task }: { run: StepsRun; step: string; task: StepItemTask }) {
  return (
    <li id={`task-${task.key}`} className="scroll-mt-4 rounded-md data-highlighted:ring-2 data-highlighted:ring-sky-500">
      <details className="group rounded-md open:bg-zinc-50 dark:open:bg-zinc-900/60">
        <summary className="grid cursor-pointer list-none grid-cols-[1rem_minmax(6rem,9rem)_auto] items-center gap-x-3 rounded-md px-2 py-1.5 text-sm hover:bg-zinc-50 sm:grid-cols-[1rem_9rem_7.5rem_6rem_11rem_4rem] dark:hover:bg-zinc-900/60 [&::-webkit-details-marker]:hidden">
          <span aria-hidden="true" className="text-zinc-400 transition-transform group-open:rotate-90">
            ▸
          </span>
          <span className="font-mono">Task {task.key}</span>
          <span>
            <StatusBadge status={task.status} />
          </span>
          <span className="hidden text-zinc-600 sm:inline dark:text-zinc-400">attempt {task.attempt}</span>
          <time className="hidden text-zinc-600 sm:inline dark:text-zinc-400" dateTime={new Date(task.createdTs).toISOString()}>
            {formatTime(task.createdTs)}
          </time>
          <span className="hidden text-right text-zinc-600 tabular-nums sm:inline dark:text-zinc-400">{formatDuration(task.durationMs)}</span>
        </summary>
        <CurrentIds current={taskCurrent(run, step, { key: task.key, userName: task.userName })} />
      </details>
    </li>
  );
}

export function StepsListView({ run, steps }: { run: StepsRun; steps: StepItem[] }) {
  if (!steps.length) return <p className="text-sm text-zinc-600 dark:text-zinc-400">This run has no steps yet.</p>;
  return (
    <ol className="space-y-4" aria-label="Steps">
      {steps.map((step) => (
        <li
          key={step.name}
          id={`step-${step.name}`}
          className="scroll-mt-4 rounded-lg border border-zinc-200 p-4 data-highlighted:ring-2 data-highlighted:ring-sky-500 dark:border-zinc-800"
        >
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <h3 className="font-mono text-base font-semibold">{step.name}</h3>
            <StatusBadge status={step.status} />
            <span className="text-sm text-zinc-600 dark:text-zinc-400">{countsText(step)}</span>
          </div>
          <ul className="mt-2 space-y-0.5" aria-label={`Tasks of ${step.name}`}>
            {step.tasks.map((t) => (
              <TaskItem key={t.key} run={run} step={step.name} task={t} />
            ))}
          </ul>
          {step.taskCount > step.tasks.length ? (
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
              Showing the first {step.tasks.length} of {step.taskCount.toLocaleString("en-US")} tasks.
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
