// Task changes are coalesced per run on each stream: the first goes out at
// once, the rest of its window together when the window ends; other messages
// and other runs are not held back.
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { coalesceTaskChanges, MAX_LISTED_TASKS, type StreamMessage } from "@/lib/live/coalesce";
import type { TaskChangeEvent } from "@/lib/live/publish";

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

const change = (runDbId: number, task: string, kind: TaskChangeEvent["kind"] = "task_updated"): TaskChangeEvent => ({
  kind,
  flow: "F",
  runNumber: runDbId,
  runDbId,
  step: "work",
  task,
});

it("sends a run's first change at once and the rest of the window as one message", () => {
  const sent: StreamMessage[] = [];
  const c = coalesceTaskChanges((m) => sent.push(m), 500);
  c.push(change(1, "10", "task_created"));
  expect(sent).toEqual([{ kind: "tasks_changed", flow: "F", runNumber: 1, runDbId: 1, tasks: [{ step: "work", task: "10" }] }]);
  c.push(change(1, "11"));
  c.push(change(1, "12"));
  c.push(change(1, "11"));
  c.push(change(2, "20"));
  c.push({ kind: "run_updated", flow: "F", runNumber: 1, runDbId: 1 });
  expect(sent.map((m) => m.kind)).toEqual(["tasks_changed", "tasks_changed", "run_updated"]);
  vi.advanceTimersByTime(500);
  expect(sent[3]).toEqual({
    kind: "tasks_changed",
    flow: "F",
    runNumber: 1,
    runDbId: 1,
    tasks: [
      { step: "work", task: "11" },
      { step: "work", task: "12" },
    ],
  });
  expect(sent).toHaveLength(4);
  // A quiet window ends the run's coalescing: the next change goes out at once again.
  vi.advanceTimersByTime(1000);
  c.push(change(1, "13"));
  expect(sent).toHaveLength(5);
  c.close();
});

it("says 'many' instead of listing more than MAX_LISTED_TASKS tasks", () => {
  const sent: StreamMessage[] = [];
  const c = coalesceTaskChanges((m) => sent.push(m), 500);
  for (let i = 0; i <= MAX_LISTED_TASKS + 1; i++) c.push(change(1, String(i)));
  vi.advanceTimersByTime(500);
  expect(sent).toHaveLength(2);
  expect(sent[1]).toMatchObject({ kind: "tasks_changed", tasks: null });
  c.close();
  c.push(change(3, "x"));
  vi.advanceTimersByTime(500);
});
