import type { StepRow } from "@/lib/data/steps-read";
import { StepsListView, type StepItem, type StepsRun } from "./steps-list-view";

/** Only what the list shows crosses to the client. */
function toItem(step: StepRow): StepItem {
  return {
    name: step.name,
    status: step.status,
    taskCount: step.taskCount,
    counts: step.counts,
    tasks: step.tasks.map((t) => ({
      key: t.key,
      attempt: t.attempt,
      status: t.status,
      createdTs: t.createdTs,
      durationMs: t.durationMs,
      userName: t.current.username,
    })),
  };
}

export function StepsList({ run, steps }: { run: StepsRun; steps: StepRow[] }) {
  return <StepsListView run={{ flow: run.flow, key: run.key, originRunId: run.originRunId }} steps={steps.map(toItem)} />;
}
