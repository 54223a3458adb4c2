// Task changes on the event stream, on both databases: the metadata record
// writers announce a new task and a task's verdict (PostgreSQL: pg_notify in
// the write's one statement; SQLite: the local bus), and the stream sends them
// as tasks_changed naming the task, coalesced per run so that many writers
// finishing tasks at once send a few messages, not one per task.
import { expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { createFlow, createRun, createStep, createTask } from "@/lib/data/ingest";
import { addMetadata } from "@/lib/data/task-data-write";
import { changeStreamResponse } from "@/lib/live/sse";
import { subscribeChanges } from "@/lib/live/subscribe";
import { parseNamespace } from "@/lib/domain/namespace";
import { readEvents, type Frame } from "./fixtures/sse-reader";
import { openApiValidator } from "../setup/openapi-validator";

const validator = openApiValidator();
/** Every change the stream sent is a ChangeMessage as the OpenAPI document describes it. */
const documented = (frames: Frame[]) => frames.filter((f) => f.event === "change").flatMap((f) => validator.checkComponent("ChangeMessage", f.data));

type TasksChanged = { kind: "tasks_changed"; flow: string; runNumber: number; runDbId: number; tasks: { step: string; task: string }[] | null };
const tasksChanged = (f: Frame) => f.event === "change" && (f.data as { kind?: string })?.kind === "tasks_changed";
const naming = (task: string) => (f: Frame) => tasksChanged(f) && !!(f.data as TasksChanged).tasks?.some((t) => t.task === task);
const who = { userName: "anne", systemTags: ["user:anne"] };

forEachDatabase("live task events", (t) => {
  const open = (everyMs?: number) => {
    const viewer = new AbortController();
    const stream = readEvents(
      changeStreamResponse({
        namespace: parseNamespace("user:anne"),
        signal: viewer.signal,
        subscribe: (listener) => subscribeChanges(listener, t.config),
        taskChangesEveryMs: everyMs,
      }),
    );
    return { stream, close: async () => (viewer.abort(), await stream.pump) };
  };

  it("announces a new task and its verdict, naming the task", async () => {
    await createFlow(t.db, "TaskEventsFlow", who);
    const run = await createRun(t.db, "TaskEventsFlow", who);
    const key = String(run.runNumber);
    await createStep(t.db, "TaskEventsFlow", key, "start", who);
    const { stream, close } = open(50);
    await stream.waitFor((f) => f.event === "ready", "ready event");

    const { task } = await createTask(t.db, "TaskEventsFlow", key, "start", who);
    const id = String(task.id);
    const started = (await stream.waitFor(naming(id), "the new task")).data as TasksChanged;
    expect(started).toEqual({
      kind: "tasks_changed",
      flow: "TaskEventsFlow",
      runNumber: run.runNumber,
      runDbId: run.dbId,
      tasks: [{ step: "start", task: id }],
    });

    const before = stream.frames.length;
    await addMetadata(t.db, "TaskEventsFlow", key, "start", id, [{ fieldName: "attempt_ok", value: "False", type: "attempt_ok", userName: "anne" }]);
    await stream.waitFor((f) => stream.frames.indexOf(f) >= before && naming(id)(f), "the task's verdict");

    // A retry moves the attempt on: announced too.
    const retried = stream.frames.length;
    await addMetadata(t.db, "TaskEventsFlow", key, "start", id, [{ fieldName: "attempt", value: "1", type: "attempt", userName: "anne" }]);
    await stream.waitFor((f) => stream.frames.indexOf(f) >= retried && naming(id)(f), "the retry");
    expect(documented(stream.frames)).toEqual([]);
    expect(validator.checkComponent("ChangeMessage", { ...started, tasks: [{ step: "start" }] })).not.toEqual([]);
    await close();
  });

  it("coalesces a burst of task changes of one run into a few messages that name every task", async () => {
    const run = await createRun(t.db, "TaskEventsFlow", who);
    const key = String(run.runNumber);
    await createStep(t.db, "TaskEventsFlow", key, "work", who);
    const { stream, close } = open(300);
    await stream.waitFor((f) => f.event === "ready", "ready event");

    const ids = await Promise.all(Array.from({ length: 40 }, async () => String((await createTask(t.db, "TaskEventsFlow", key, "work", who)).task.id)));
    await Promise.all(
      ids.map((id) => addMetadata(t.db, "TaskEventsFlow", key, "work", id, [{ fieldName: "attempt_ok", value: "True", type: "attempt_ok", userName: "anne" }])),
    );
    const last = ids.at(-1)!;
    // Every task is named in some message, and the last verdicts arrive in the burst's last window.
    const named = () => new Set(stream.frames.filter(tasksChanged).flatMap((f) => (f.data as TasksChanged).tasks?.map((x) => x.task) ?? []));
    await stream.waitFor(() => ids.every((id) => named().has(id)), "every task named");
    await stream.waitFor(naming(last), "the last task");
    const messages = stream.frames.filter((f) => tasksChanged(f) && (f.data as TasksChanged).runDbId === run.dbId);
    // 80 changes within well under a second: the first at once, then one per 300 ms window.
    expect(messages.length).toBeGreaterThanOrEqual(2);
    expect(messages.length).toBeLessThan(10);
    expect(documented(stream.frames)).toEqual([]);
    await close();
  });
});
