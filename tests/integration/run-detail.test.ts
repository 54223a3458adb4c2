// The run, step and task routes over real HTTP, on SQLite and PostgreSQL, on
// the demo story with its local datastore: DAG, parameters, tasks and
// timeline pages, task detail, artifact previews, logs (pages, search,
// follow, download), cards, and the datastore roots that bound every read.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { APP_START_TIMEOUT, metadataClient, systemTags, type AppServer } from "../setup/metadata-servers";
import { startDemoApp, type DemoApp } from "../setup/demo-app";
import { formatMflogLine } from "@/lib/domain/mflog";

forEachDatabase("run detail routes", (t) => {
  let app: AppServer;
  let ds: string;
  let demo: DemoApp;
  let outside: string;
  const get = async (p: string, ns = "global") => {
    const res = await fetch(`${app.url}/api/v1/runs/${p}${p.includes("?") ? "&" : "?"}namespace=${encodeURIComponent(ns)}`);
    const type = res.headers.get("content-type") ?? "";
    return { status: res.status, headers: res.headers, body: type.includes("json") ? await res.json() : await res.text() };
  };
  const taskOf = async (run: string, step: string, n = 0) => (await get(`PredictionFlow/${run}/tasks?step=${step}`)).body.tasks[n].key as string;

  beforeAll(async () => {
    outside = mkdtempSync(path.join(os.tmpdir(), "flowdeck-outside-"));
    demo = await startDemoApp(t);
    ({ app, ds } = demo);
  }, APP_START_TIMEOUT);
  afterAll(async () => {
    await demo?.stop();
    rmSync(outside, { recursive: true, force: true });
  });

  it("draws the DAG from _graph_info, with the foreach fan-out and each step's status", async () => {
    const { status, body } = await get("PredictionFlow/7/dag");
    expect(status).toBe(200);
    expect(body.source).toBe("graph_info");
    expect(body.nodes.map((n: { name: string; kind: string; status: string; taskCount: number }) => [n.name, n.kind, n.status, n.taskCount])).toEqual([
      ["start", "foreach", "completed", 1],
      ["train", "linear", "failed", 3],
      ["join", "join", "not_started", 0],
      ["end", "end", "not_started", 0],
    ]);
    expect(body.edges[0]).toEqual({ from: "start", to: "train", foreach: true });
    expect(body.layout.nodes).toHaveLength(4);
  });

  it("reads the parameters' values back exactly", async () => {
    const { body } = await get("PredictionFlow/8/parameters");
    expect(body.parameters).toEqual([
      { name: "learning_rate", type: "float", value: "0.05", reason: null },
      { name: "max_depth", type: "int", value: "6", reason: null },
      { name: "model_name", type: "str", value: "'gbt-baseline'", reason: null },
    ]);
  });

  it("pages the tasks table by keyset with filters and sorts, and explains bad parameters", async () => {
    const failed = await get("PredictionFlow/7/tasks?status=failed");
    expect(failed.body.tasks.map((r: { step: string; status: string }) => [r.step, r.status])).toEqual([
      ["train", "failed"],
      ["train", "failed"],
      ["train", "failed"],
    ]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { tasks: { key: string }[]; nextCursor: string | null } } = await get(
        `PredictionFlow/8/tasks?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...page.body.tasks.map((r) => r.key));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    const byDuration = (await get("PredictionFlow/8/tasks?sort=duration")).body.tasks.map((r: { durationMs: number }) => r.durationMs);
    expect(byDuration).toEqual([...byDuration].sort((a, b) => b - a));
    expect((await get("PredictionFlow/8/tasks?status=weird")).body.error.message).toMatch(/status must be running, completed or failed/);
    expect((await get("PredictionFlow/8/tasks?cursor=zzz")).status).toBe(400);
    expect((await get("PredictionFlow/8/tasks?limit=5000")).body.error.message).toMatch(/at most 1000/);
  });

  it("pages the timeline grouped by step, each task with its attempts", async () => {
    const first = await get("PredictionFlow/8/timeline?limit=4");
    expect(first.body.total).toBe(6);
    const second = await get(`PredictionFlow/8/timeline?limit=4&cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    const steps = [...first.body.tasks, ...second.body.tasks].map((r: { step: string }) => r.step);
    expect(steps).toEqual(["start", "train", "train", "train", "join", "end"]);
    expect(first.body.tasks[0].attempts).toEqual([expect.objectContaining({ attempt: 0, status: "completed" })]);
  });

  it("shows a task's current, metadata, artifacts with previews, and refuses one outside the namespace", async () => {
    const join = await taskOf("8", "join");
    const detail = await get(`PredictionFlow/8/join/${join}`);
    expect(detail.body.current).toEqual({
      flow_name: "PredictionFlow",
      run_id: "8",
      origin_run_id: null,
      step_name: "join",
      task_id: join,
      retry_count: 0,
      pathspec: `PredictionFlow/8/join/${join}`,
      namespace: "user:anne",
      username: "anne",
      tags: ["candidate", "experiment:lr-sweep", "metaflow_version:2.15.7", "python_version:3.11.7", "runtime:dev", "user:anne"],
    });
    expect(detail.body.metadata.map((m: { fieldName: string }) => m.fieldName)).toContain("ds-root");
    expect(detail.body.datastore.readable).toBe(true);
    const list = await get(`PredictionFlow/8/join/${join}/artifacts`);
    expect(list.body.artifacts.map((a: { name: string }) => a.name)).toEqual(["_task_ok", "auc", "best_model", "name"]);
    expect(list.body.artifacts.every((a: { sizeBytes: number }) => a.sizeBytes > 0)).toBe(true);
    const preview = await get(`PredictionFlow/8/join/${join}/artifacts/best_model`);
    expect(preview.body.preview).toEqual({ previewable: true, type: "dict", repr: "{'kind': 'gbt', 'fold': 1, 'trees': 200, 'depth': 6}", truncated: false });
    expect((await get(`PredictionFlow/8/join/${join}/artifacts/auc`)).body.preview.repr).toBe("0.912");
    expect((await get(`PredictionFlow/8/join/${join}/artifacts/nope`)).status).toBe(404);
    const refused = await get(`PredictionFlow/8/join/${join}`, "user:will");
    expect([refused.status, refused.body.error.code]).toEqual([404, "not_in_namespace"]);
    expect((await get(`PredictionFlow/8/join/999999`)).status).toBe(404);
    expect((await get(`PredictionFlow/8/join/${join}/artifacts?attempt=x`)).body.error.message).toMatch(/attempt must be a number/);
  });

  it("explains an artifact it will not unpickle, and never executes it", async () => {
    const start = await taskOf("8", "start");
    const evil = Buffer.from(`cos\nsystem\n(S'touch ${outside}/pwned'\ntR.`);
    const sha = "e".repeat(40);
    mkdirSync(path.join(ds, "PredictionFlow", "data", "ee"), { recursive: true });
    writeFileSync(path.join(ds, "PredictionFlow", "data", "ee", sha), gzipSync(evil));
    const api = metadataClient(app);
    const posted = await api.post(`/flows/PredictionFlow/runs/8/steps/start/tasks/${start}/artifact`, [
      {
        name: "evil",
        location: `${ds}/PredictionFlow/data/ee/${sha}`,
        ds_type: "local",
        sha,
        type: "metaflow.artifact",
        content_type: "gzip+pickle-v2",
        attempt_id: 0,
        user_name: "anne",
      },
    ]);
    expect(posted.status).toBe(200);
    const preview = await get(`PredictionFlow/8/start/${start}/artifacts/evil`);
    expect(preview.body.preview).toEqual({ previewable: false, reason: expect.stringContaining("os.system") });
    expect((await get(`PredictionFlow/8/start/${start}/artifacts/columns`)).body.preview.repr).toBe("('age', 'income', 'score')");
  });

  it("reads logs a page at a time, searches them, follows new lines and downloads them", async () => {
    const start = await taskOf("8", "start");
    const file = path.join(ds, "PredictionFlow", "8", "start", start, "0.task_stdout.log");
    const t0 = Date.UTC(2030, 0, 1);
    appendFileSync(
      file,
      Array.from({ length: 2500 }, (_, i) => `${formatMflogLine(t0 + i, "task", `line ${i}${i % 1000 === 7 ? " needle" : ""}`)}\n`).join(""),
    );
    const first = await get(`PredictionFlow/8/start/${start}/logs?limit=1000`);
    expect(first.body.lines).toHaveLength(1000);
    expect(first.body.lines[0].line).toBe("Loading 12,480 rows of training data");
    expect(first.body.atEnd).toBe(false);
    let cursor = first.body.nextCursor;
    const all = [...first.body.lines];
    for (;;) {
      const page = await get(`PredictionFlow/8/start/${start}/logs?limit=1000&cursor=${cursor}`);
      all.push(...page.body.lines);
      cursor = page.body.nextCursor;
      if (page.body.atEnd) break;
    }
    expect(all).toHaveLength(2502);
    expect(all.at(-1).line).toBe("line 2499");
    const found = await get(`PredictionFlow/8/start/${start}/logs?q=NEEDLE`);
    expect(found.body.lines.map((l: { line: string }) => l.line)).toEqual(["line 7 needle", "line 1007 needle", "line 2007 needle"]);
    // Following: the cursor at the end gives only what is written after it.
    expect((await get(`PredictionFlow/8/start/${start}/logs?cursor=${cursor}`)).body.lines).toEqual([]);
    appendFileSync(file, `${formatMflogLine(t0 + 9999, "task", "a new line")}\n`);
    const followed = await get(`PredictionFlow/8/start/${start}/logs?cursor=${cursor}`);
    expect(followed.body.lines.map((l: { line: string }) => l.line)).toEqual(["a new line"]);
    const download = await get(`PredictionFlow/8/start/${start}/logs?download=1`);
    expect(download.headers.get("content-disposition")).toContain("attachment");
    expect((download.body as string).trimEnd().split("\n")).toHaveLength(2503);
    expect((await get(`PredictionFlow/8/start/${start}/logs?cursor=nonsense`)).body.error.message).toMatch(/nextCursor/);
    expect((await get(`PredictionFlow/8/start/${start}/logs?limit=0`)).status).toBe(400);
  });

  it("lists and serves the task's card, sandboxed", async () => {
    const join = await taskOf("8", "join");
    const { body } = await get(`PredictionFlow/8/join/${join}/cards`);
    expect(body.cards).toEqual([expect.objectContaining({ type: "default" })]);
    const card = await get(`PredictionFlow/8/join/${join}/cards/${body.cards[0].id}`);
    expect(card.status).toBe(200);
    expect(card.headers.get("content-type")).toContain("text/html");
    expect(card.headers.get("content-security-policy")).toMatch(/^sandbox allow-scripts;/);
    expect(card.body).toContain("PredictionFlow/8 join");
    expect((await get(`PredictionFlow/8/join/${join}/cards/default-nope`)).status).toBe(404);
  });

  it("reads nothing outside the allowed roots: a foreign ds-root, an S3 root, a symlink out", async () => {
    const api = metadataClient(app);
    const run = (await api.post("/flows/PredictionFlow/run", { user_name: "anne", system_tags: systemTags("anne") })).body.run_number;
    await api.post(`/flows/PredictionFlow/runs/${run}/steps/start/step`, {});
    const tasks: string[] = [];
    for (const root of [outside, "s3://bucket/metaflow", `${ds}/linked`]) {
      const id = String((await api.post(`/flows/PredictionFlow/runs/${run}/steps/start/task`, {})).body.task_id);
      tasks.push(id);
      await api.post(`/flows/PredictionFlow/runs/${run}/steps/start/tasks/${id}/metadata`, [
        { field_name: "ds-type", value: root.startsWith("s3") ? "s3" : "local", type: "ds-type", user_name: "anne" },
        { field_name: "ds-root", value: root, type: "ds-root", user_name: "anne" },
      ]);
      for (const dir of [outside]) {
        mkdirSync(path.join(dir, "PredictionFlow", String(run), "start", id), { recursive: true });
        writeFileSync(path.join(dir, "PredictionFlow", String(run), "start", id, "0.task_stdout.log"), "secret\n");
      }
    }
    symlinkSync(outside, path.join(ds, "linked"));
    const foreign = await get(`PredictionFlow/${run}/start/${tasks[0]}/logs`);
    expect(foreign.body.lines).toEqual([]);
    expect(foreign.body.unreadable).toBe(`Stored at ${outside}, not readable here.`);
    expect((await get(`PredictionFlow/${run}/start/${tasks[1]}`)).body.datastore.reason).toBe("Stored at s3://bucket/metaflow, not readable here.");
    expect((await get(`PredictionFlow/${run}/start/${tasks[2]}/logs`)).body.lines).toEqual([]);
    const dag = await get(`PredictionFlow/${run}/dag`);
    expect(dag.body.source).toBe("recorded");
  });
});
