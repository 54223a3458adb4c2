// Pure rules behind the run, step and task views: the DAG from _graph_info
// or the recorded steps, failure reasons, attempts, mflog lines, log cursors
// and which datastore locations may be read.
import { describe, expect, it } from "vitest";
import { buildDag, declaredParameters, parseGraphInfo, type StepState } from "@/lib/domain/dag";
import { layoutDag } from "@/lib/domain/dag-layout";
import { explainFailure, tail } from "@/lib/domain/failure";
import { taskAttempts } from "@/lib/domain/attempts";
import { formatMflogLine, matchesSearch, parseMflogLine } from "@/lib/domain/mflog";
import { decodeLogCursor, encodeLogCursor, mergeTake } from "@/lib/domain/log-cursor";
import { artifactSegments, datastoreReadability, parseCardFileName, parseDatastoreRoots, pathUnder } from "@/lib/domain/datastore-roots";
import { decodeTaskCursor, encodeTaskCursor } from "@/lib/domain/task-list";
import { fullTaskCurrent } from "@/lib/domain/task";

// What Metaflow's graph.output_steps() records for start -> foreach train -> join -> end.
const graph = {
  file: "predictionflow.py",
  start_step: "start",
  end_step: "end",
  parameters: [{ name: "learning_rate", type: "float" }],
  steps: {
    end: { name: "end", type: "end", next: [], line: 30, doc: "" },
    join: { name: "join", type: "join", next: ["end"], line: 25, doc: "" },
    train: { name: "train", type: "linear", next: ["join"], line: 20, doc: "" },
    start: { name: "start", type: "split-foreach", next: ["train"], foreach_artifact: "folds", matching_join: "join", line: 10, doc: " Load. " },
  },
  graph_structure: ["start", ["train"], "join", "end"],
};
const recorded: StepState[] = [
  { name: "_parameters", status: "completed", taskCount: 1, createdTs: 1 },
  { name: "start", status: "completed", taskCount: 1, createdTs: 2 },
  { name: "train", status: "failed", taskCount: 3, createdTs: 3 },
];

describe("DAG", () => {
  it("follows _graph_info: kinds, foreach fan-out with its task count, edges, not-started steps", () => {
    const dag = buildDag(parseGraphInfo(graph), recorded);
    expect(dag.source).toBe("graph_info");
    expect(dag.nodes.map((n) => [n.name, n.kind, n.status, n.taskCount])).toEqual([
      ["start", "foreach", "completed", 1],
      ["train", "linear", "failed", 3],
      ["join", "join", "not_started", 0],
      ["end", "end", "not_started", 0],
    ]);
    expect(dag.nodes[0]).toMatchObject({ foreachArtifact: "folds", doc: "Load." });
    expect(dag.edges).toEqual([
      { from: "start", to: "train", foreach: true },
      { from: "train", to: "join", foreach: false },
      { from: "join", to: "end", foreach: false },
    ]);
    expect(dag.note).toBeNull();
    expect(declaredParameters(parseGraphInfo(graph))).toEqual([{ name: "learning_rate", type: "float" }]);
  });

  it("draws a static split with both branches", () => {
    const split = parseGraphInfo({
      steps: {
        start: { name: "start", type: "split-static", next: ["a", "b"] },
        a: { name: "a", type: "linear", next: ["j"] },
        b: { name: "b", type: "linear", next: ["j"] },
        j: { name: "j", type: "join", next: ["end"] },
        end: { name: "end", type: "end", next: [] },
      },
    });
    const dag = buildDag(split, []);
    expect(dag.nodes.map((n) => n.name)).toEqual(["start", "a", "b", "j", "end"]);
    expect(dag.edges.filter((e) => e.to === "j").map((e) => e.from)).toEqual(["a", "b"]);
    const layout = layoutDag(dag);
    const y = Object.fromEntries(layout.nodes.map((n) => [n.name, n.y]));
    expect(y.a).toBe(y.b);
    expect(y.start).toBeLessThan(y.a);
    expect(y.j).toBeGreaterThan(y.a);
    expect(layout.edges.every((e) => e.points.length >= 2)).toBe(true);
  });

  it("falls back to the recorded steps in the order they started, saying why", () => {
    const dag = buildDag(null, [...recorded].reverse(), "Stored at s3://bucket/x, not readable here.");
    expect(dag.source).toBe("recorded");
    expect(dag.nodes.map((n) => n.name)).toEqual(["start", "train"]);
    expect(dag.edges).toEqual([{ from: "start", to: "train", foreach: false }]);
    expect(dag.note).toContain("s3://bucket/x");
    expect(buildDag(null, recorded).note).toContain("was not recorded");
  });

  it("rejects what is not a graph", () => {
    expect(parseGraphInfo({ steps: {} })).toBeNull();
    expect(parseGraphInfo("nope")).toBeNull();
    expect(parseGraphInfo({ steps: { start: { name: "start" } } })).toBeNull();
  });
});

describe("failure reason", () => {
  const task = { step: "train", task: "7", pathspec: "F/1/train/7", attempt: 0, stderrTail: ["ValueError: x"] };
  it("names the failed task, or says the run died", () => {
    expect(explainFailure({ status: "completed", failedTasks: [task], failedCount: 1, lastHeartbeatTs: 5, endStepReached: true })).toBeNull();
    expect(explainFailure({ status: "failed", failedTasks: [task], failedCount: 3, lastHeartbeatTs: 5, endStepReached: false })).toEqual({
      kind: "task_failed",
      task,
      more: 2,
    });
    expect(explainFailure({ status: "failed", failedTasks: [], failedCount: 2, lastHeartbeatTs: 5, endStepReached: false })).toEqual({
      kind: "no_heartbeat",
      lastHeartbeatTs: 5,
      endStepReached: false,
    });
  });
  it("keeps the last lines, trailing blanks dropped", () => {
    expect(tail(["a", "b", "c", "", " "], 2)).toEqual(["b", "c"]);
  });
});

describe("attempts", () => {
  const meta = (fieldName: string, value: string, createdTs: number, attempt: number) => ({ fieldName, value, createdTs, tags: [`attempt_id:${attempt}`] });
  it("splits a retried task into its attempts", () => {
    const task = { createdTs: 100, finishedTs: 900, attempt: 1, attemptOk: true, lastHeartbeatTs: null };
    const list = taskAttempts(
      task,
      [meta("attempt", "0", 100, 0), meta("attempt_ok", "False", 400, 0), meta("attempt", "1", 500, 1), meta("attempt_ok", "True", 900, 1)],
      1000,
    );
    expect(list).toEqual([
      { attempt: 0, startTs: 100, endTs: 400, status: "failed" },
      { attempt: 1, startTs: 500, endTs: 900, status: "completed" },
    ]);
  });
  it("a task without metadata has one attempt from its own times; a silent one has failed", () => {
    expect(taskAttempts({ createdTs: 1, finishedTs: null, attempt: 0, attemptOk: null, lastHeartbeatTs: 1 }, [], 10 * 60_000)).toEqual([
      { attempt: 0, startTs: 1, endTs: null, status: "failed" },
    ]);
    expect(taskAttempts({ createdTs: 1, finishedTs: null, attempt: 0, attemptOk: null, lastHeartbeatTs: 590 }, [], 600_000)[0].status).toBe("running");
  });
});

describe("mflog and log cursors", () => {
  it("reads Metaflow's lines and writes them back", () => {
    expect(parseMflogLine("[MFLOG|0|2024-03-01T10:00:00.123456Z|task|17]hello", "x")).toEqual({
      ts: Date.parse("2024-03-01T10:00:00.123Z"),
      line: "hello",
      source: "task",
    });
    expect(parseMflogLine("[![MFLOG|0|2024-03-01T10:00:00.000Z|runtime|1]boot", "x").source).toBe("runtime");
    expect(parseMflogLine("plain", "task")).toEqual({ ts: null, line: "plain", source: "task" });
    const ts = Date.UTC(2024, 0, 2, 3, 4, 5, 6);
    expect(parseMflogLine(formatMflogLine(ts, "task", "x|y]z"), "-")).toEqual({ ts, line: "x|y]z", source: "task" });
    expect(matchesSearch("Traceback ValueError", "valueerror")).toBe(true);
    expect(matchesSearch("a.b", ".*")).toBe(false);
  });
  it("round-trips cursors and refuses forged ones with a message", () => {
    expect(decodeLogCursor(encodeLogCursor({ pushed: 3, "0.task_stdout.log": 1024 }))).toEqual({ pushed: 3, "0.task_stdout.log": 1024 });
    expect(decodeLogCursor(undefined)).toEqual({});
    expect(() => decodeLogCursor("garbage")).toThrow(/nextCursor/);
    expect(() => decodeLogCursor(Buffer.from('{"a":-1}').toString("base64url"))).toThrow(/nextCursor/);
    expect(decodeTaskCursor(encodeTaskCursor({ v: 12.5, id: 3, s: 2 }))).toEqual({ v: 12.5, id: 3, s: 2 });
    expect(() => decodeTaskCursor("x")).toThrow(/nextCursor/);
  });
  it("merges sources by time, a line without time staying after its predecessor", () => {
    const a = [
      { ts: 1, line: "a1", source: "a" },
      { ts: null, line: "a-", source: "a" },
      { ts: 5, line: "a5", source: "a" },
    ];
    const b = [{ ts: 3, line: "b3", source: "b" }];
    expect(mergeTake([a, b], 10).lines.map((l) => l.line)).toEqual(["a1", "a-", "b3", "a5"]);
    expect(mergeTake([a, b], 3)).toMatchObject({ taken: [2, 1] });
  });
});

describe("datastore roots", () => {
  const roots = parseDatastoreRoots("/data/ds, /srv/metaflow ,", ["/ignored"]);
  it("reads the list, else the fallback", () => {
    expect(roots).toEqual(["/data/ds", "/srv/metaflow"]);
    expect(parseDatastoreRoots("", ["/demo"])).toEqual(["/demo"]);
    expect(parseDatastoreRoots(undefined, ["rel"], "/cwd")).toEqual(["/cwd/rel"]);
  });
  it("reads only local ds-roots under a root", () => {
    expect(datastoreReadability("local", "/data/ds/.metaflow", roots)).toEqual({ readable: true, root: "/data/ds", dir: "/data/ds/.metaflow" });
    expect(datastoreReadability("local", "/data/ds", roots).readable).toBe(true);
    for (const outside of ["/data/dsx", "/data/ds/../etc", "/etc", "relative/ds"]) {
      expect(datastoreReadability("local", outside, roots)).toEqual({ readable: false, reason: `Stored at ${outside}, not readable here.` });
    }
    expect(datastoreReadability("s3", "s3://bucket/metaflow", roots)).toEqual({
      readable: false,
      reason: "Stored at s3://bucket/metaflow, not readable here.",
    });
    expect(datastoreReadability(undefined, undefined, roots).readable).toBe(false);
  });
  it("builds paths that cannot leave the datastore", () => {
    expect(pathUnder("/ds", ["F", "1", "s", "2", "0.task_stdout.log"])).toBe("/ds/F/1/s/2/0.task_stdout.log");
    expect(pathUnder("/ds", ["..", "x"])).toBeNull();
    expect(pathUnder("/ds", ["a/../../b"])).toBeNull();
    expect(artifactSegments("F", "abcdef12")).toEqual(["F", "data", "ab", "abcdef12"]);
    expect(artifactSegments("F", "../../etc")).toBeNull();
  });
  it("reads Metaflow's card file names", () => {
    expect(parseCardFileName("default-1a2b3c.html")).toMatchObject({ id: "default-1a2b3c", type: "default", cardId: null, hash: "1a2b3c" });
    expect(parseCardFileName("blank-my-card-99ff.html")).toMatchObject({ type: "blank", cardId: "my-card", hash: "99ff" });
    expect(parseCardFileName("notes.txt")).toBeNull();
  });
});

describe("current", () => {
  it("gives every value Metaflow's current gives, production namespace included", () => {
    const run = { flow: "F", key: "9", originRunId: "4", systemTags: ["production:tok", "runtime:dev"], tags: ["b"], userName: "anne" };
    expect(fullTaskCurrent(run, "train", { key: "17", userName: "anne", attempt: 2 })).toEqual({
      flow_name: "F",
      run_id: "9",
      origin_run_id: "4",
      step_name: "train",
      task_id: "17",
      pathspec: "F/9/train/17",
      username: "anne",
      retry_count: 2,
      namespace: "production:tok",
      tags: ["b", "production:tok", "runtime:dev"],
    });
  });
});
