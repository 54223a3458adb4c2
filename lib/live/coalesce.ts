// Task changes per run, at most one message every TASK_CHANGES_EVERY_MS on a
// stream: 50 writers finishing tasks of a foreach would otherwise send the
// browser hundreds of messages a second, each a refetch. The first change of a
// run goes out at once; the ones that follow within the window go out together
// when it ends. Other messages pass straight through.
import type { TaskChangeEvent } from "./publish";
import type { LiveMessage } from "./subscribe";

export const TASK_CHANGES_EVERY_MS = 500;
/** More tasks than this in one window are sent as `tasks: null` ("many: refetch the run's task views"). */
export const MAX_LISTED_TASKS = 100;

export type TasksChanged = {
  kind: "tasks_changed";
  flow: string;
  runNumber: number;
  runDbId: number;
  /** The tasks that started or changed, or null when there were too many to list. */
  tasks: { step: string; task: string }[] | null;
};
export type StreamMessage = Exclude<LiveMessage, TaskChangeEvent> | TasksChanged;

const isTaskChange = (m: LiveMessage): m is TaskChangeEvent => m.kind === "task_created" || m.kind === "task_updated";

function add(into: TasksChanged, m: TaskChangeEvent) {
  if (!into.tasks || into.tasks.some((t) => t.step === m.step && t.task === m.task)) return;
  if (into.tasks.length >= MAX_LISTED_TASKS) into.tasks = null;
  else into.tasks.push({ step: m.step, task: m.task });
}

export function coalesceTaskChanges(send: (m: StreamMessage) => void, everyMs = TASK_CHANGES_EVERY_MS) {
  const windows = new Map<number, { timer: NodeJS.Timeout; pending: TasksChanged | null }>();
  const open = (runDbId: number) => {
    const timer = setTimeout(() => {
      const w = windows.get(runDbId);
      windows.delete(runDbId);
      if (w?.pending) {
        send(w.pending);
        open(runDbId);
      }
    }, everyMs);
    windows.set(runDbId, { timer, pending: null });
  };
  return {
    push(m: LiveMessage) {
      if (!isTaskChange(m)) return send(m);
      const w = windows.get(m.runDbId);
      const message = w?.pending ?? { kind: "tasks_changed" as const, flow: m.flow, runNumber: m.runNumber, runDbId: m.runDbId, tasks: [] };
      add(message, m);
      if (w) {
        w.pending = message;
        return;
      }
      send(message);
      open(m.runDbId);
    },
    close() {
      for (const w of windows.values()) clearTimeout(w.timer);
      windows.clear();
    },
  };
}
