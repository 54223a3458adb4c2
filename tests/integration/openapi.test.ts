// The OpenAPI document says what the app does: every route of the metadata
// router is documented, every documented operation exists on the running app
// (real HTTP, objects made first so reads can succeed), and every reply of the
// running app — status, headers, body — is one the generated document
// describes, for reads, for representative writes, and for refused bodies.
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { APP_START_TIMEOUT, metadataClient, startApp, systemTags, type AppServer } from "../setup/metadata-servers";
import { openApiDocument } from "@/lib/openapi/document";
import { metadataRoutes } from "@/lib/metadata-api/routes";
import { heartbeatContent } from "@/lib/metadata-api/wire-schemas";
import { openApiValidator } from "../setup/openapi-validator";

const METHODS = ["get", "post", "patch", "put", "delete"];
const doc = openApiDocument();
const validator = openApiValidator(doc);
const normalize = (p: string) => p.replace(/\{\w+\}/g, "{}");

function documented(): { method: string; path: string }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item as object)
      .filter((k) => METHODS.includes(k))
      .map((method) => ({ method: method.toUpperCase(), path })),
  );
}

it("documents every route of the metadata router, and nothing it lacks", () => {
  const routes = metadataRoutes.map((r) => `${r.method} ${normalize(`/api/metadata${r.pattern}`)}`).sort();
  const docs = documented()
    .filter((d) => d.path.startsWith("/api/metadata"))
    .map((d) => `${d.method} ${normalize(d.path)}`)
    .sort();
  expect(docs).toEqual(routes);
});

it("is a well-formed OpenAPI 3.1 document whose references resolve", () => {
  expect(doc.openapi).toBe("3.1.0");
  const text = JSON.stringify(doc);
  for (const [, name] of text.matchAll(/"#\/components\/schemas\/(\w+)"/g)) {
    expect(Object.keys(doc.components.schemas)).toContain(name);
  }
  for (const { path } of documented()) {
    for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
      const ops = Object.values(doc.paths[path as keyof typeof doc.paths] as Record<string, { parameters: { name: string; in: string }[] }>);
      for (const op of ops) expect(op.parameters.some((p) => p.name === name && p.in === "path")).toBe(true);
    }
  }
});

forEachDatabase("OpenAPI document against the running app", (t) => {
  let app: AppServer;
  let taskId: number;
  beforeAll(async () => {
    app = await startApp({ databaseUrl: t.url });
    const api = metadataClient(app);
    await api.post("/flows/DocFlow", {});
    await api.post("/flows/DocFlow/run", { user_name: "anne", system_tags: systemTags("anne") });
    await api.post("/flows/DocFlow/runs/1/steps/start/step", {});
    taskId = (await api.post("/flows/DocFlow/runs/1/steps/start/task", {})).body.task_id;
    const task = `/flows/DocFlow/runs/1/steps/start/tasks/${taskId}`;
    await api.post(`${task}/metadata`, [{ field_name: "attempt", value: "0", type: "attempt", user_name: "anne" }]);
    await api.post(`${task}/artifact`, [
      { name: "x", location: "/x", ds_type: "local", sha: "s", type: "t", content_type: "c", attempt_id: 0, user_name: "anne" },
    ]);
    // So that reading the deployment of {flow} can succeed.
    expect((await fetch(`${app.url}/api/v1/deployments/DocFlow`, { method: "POST" })).status).toBe(200);
  }, APP_START_TIMEOUT);
  afterAll(async () => app?.stop());

  it("serves the document at /api/openapi.json", async () => {
    const res = await fetch(`${app.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const served = await res.json();
    expect(served.paths).toEqual(JSON.parse(JSON.stringify(doc.paths)));
    expect(served).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it("answers every documented operation (reads of existing objects succeed)", async () => {
    const values: Record<string, string> = { flow: "DocFlow", run: "1", step: "start", name: "x", attempt: "0" };
    // Query parameters a read cannot do without.
    const required: Record<string, string> = { "/api/v1/resolve": "&pathspec=docflow/1" };
    for (const { method, path } of documented()) {
      const url = path.replace(/\{(\w+)\}/g, (_, n: string) => (n === "task" ? String(taskId) : (values[n] ?? "x")));
      const query = path.startsWith("/api/v1") ? `?namespace=global${required[path] ?? ""}` : "";
      const res = await fetch(`${app.url}${url}${query}`, { method, body: method === "GET" ? undefined : "{}" });
      const type = res.headers.get("content-type") ?? "";
      // A route that does not exist answers Next's HTML 404 page or a 405.
      expect([method, url, res.status === 405, type.includes("html")]).toEqual([method, url, false, false]);
      const mustSucceed = method === "GET" && (path.startsWith("/api/metadata") || !/\{(?!flow|run|step|task)\w+\}/.test(path));
      if (mustSucceed) expect([method, url, res.status]).toEqual([method, url, 200]);
      else expect([method, url, res.status < 500]).toEqual([method, url, true]);
      const stream = type.startsWith("text/event-stream");
      if (stream) await res.body?.cancel(); // event streams never end on their own
      const text = stream ? "" : await res.text();
      expect([method, url, res.status, validator.checkResponse(method, path, res.status, res.headers, text)]).toEqual([method, url, res.status, []]);
    }
  });
});

/** One request to the app, and the document's verdict on the reply. */
async function call(app: AppServer, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const json = body !== undefined && typeof body !== "string";
  const res = await fetch(`${app.url}${url}`, {
    method,
    // A string goes as bytes with no Content-Type, as Metaflow's client sends its heartbeats (data="{}").
    body: body === undefined ? undefined : json ? JSON.stringify(body) : Buffer.from(body as string),
    headers: { ...(json ? { "content-type": "application/json" } : {}), ...headers },
  });
  const text = await res.text();
  const path = validator.pathOf(method, url);
  const problems = validator.checkResponse(method, path, res.status, res.headers, text);
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* text */
  }
  return { status: res.status, headers: res.headers, body: parsed, path, problems };
}

forEachDatabase("OpenAPI document against the replies of writes", (t) => {
  let app: AppServer;
  let taskId: number;
  beforeAll(async () => {
    app = await startApp({ databaseUrl: t.url });
  }, APP_START_TIMEOUT);
  afterAll(async () => app?.stop());

  const M = "/api/metadata/flows/WriteFlow";

  /** A write whose body the document accepts, answered as the document says with `status`. */
  async function write(method: string, url: string, body: unknown, status = 200, headers?: Record<string, string>) {
    const path = validator.pathOf(method, url);
    if (body !== undefined && typeof body !== "string") expect([method, url, validator.checkRequest(method, path, body)]).toEqual([method, url, []]);
    const res = await call(app, method, url, body, headers);
    expect([method, url, res.status, res.problems]).toEqual([method, url, status, []]);
    return res;
  }

  it("creates flow, runs, steps and tasks, records metadata, artifacts, logs and heartbeats, and mutates tags as documented", async () => {
    const tags = ["user:anne", "runtime:dev", "python_version:3.11.7", "metaflow_version:2.19.38"];
    await write("POST", M, { user_name: "anne", tags: ["team"], system_tags: tags });
    await write("POST", M, { user_name: "anne" }, 409);
    const run = await write("POST", `${M}/run`, { user_name: "anne", tags: ["exp"], system_tags: tags });
    expect(typeof run.body.run_number).toBe("number");
    const named = await write("POST", `${M}/run`, { user_name: "anne", system_tags: tags, run_number: "nightly-1", ts_epoch: 1_700_000_000_000 });
    expect(named.body.run_number).toBe("nightly-1");
    await write("POST", `${M}/run`, { run_number: "12" }, 400);
    const R = `${M}/runs/${run.body.run_number}`;
    await write("POST", `${R}/steps/start/step`, { user_name: "anne" });
    await write("POST", `${R}/steps/start/step`, {}, 409);
    const task = await write("POST", `${R}/steps/start/task`, { user_name: "anne" });
    const namedTask = await write("POST", `${R}/steps/start/task`, { user_name: "anne", task_id: "t-one" });
    expect(namedTask.body.task_id).toBe("t-one");
    await write("POST", `${R}/steps/start/task`, { task_id: "7" }, 400);
    taskId = task.body.task_id;
    const T = `${R}/steps/start/tasks/${taskId}`;
    await write("POST", `${T}/metadata`, [
      { field_name: "attempt", value: "0", type: "attempt", user_name: "anne", tags: [], system_tags: [] },
      { field_name: "foreach-stack", value: [1, 2], type: "foreach-stack", user_name: "anne" },
      { field_name: "ds-type", value: "local", type: "ds-type", user_name: "anne" },
    ]);
    await write("POST", `${M}/runs/404/steps/start/tasks/1/metadata`, [{ field_name: "x", value: "1" }], 400);
    const artifacts = await write("POST", `${T}/artifact`, [
      {
        name: "alpha",
        location: "/a",
        ds_type: "local",
        sha: "s1",
        type: "metaflow.artifact",
        content_type: "gzip+pickle-v2",
        attempt_id: 0,
        user_name: "anne",
        tags: [],
        system_tags: [],
      },
      {
        name: "beta",
        location: "/b",
        ds_type: "local",
        sha: "s2",
        type: "metaflow.artifact",
        content_type: "gzip+pickle-v2",
        attempt_id: 0,
        user_name: "anne",
      },
    ]);
    expect(artifacts.body).toEqual({ artifacts_created: 2 });
    await write("POST", `${T}/logs`, { stream: "stdout", lines: [{ line: "hello", ts: 1_700_000_000_000 }, { line: "world" }] });
    for (const url of [`${R}/heartbeat`, `${T}/heartbeat`]) {
      const hb = await write("POST", url, "{}");
      expect(heartbeatContent.parse(JSON.parse(hb.body))).toEqual({ wait_time_in_seconds: 10 });
    }
    const mutated = await write("PATCH", `${R}/tag/mutate`, { tags_to_add: ["candidate", "runtime:dev"], tags_to_remove: ["exp"] });
    expect(mutated.body.tags).toEqual(["candidate"]);
    await write("PATCH", `${R}/tag/mutate`, { tags_to_remove: ["user:anne"] }, 422);
    // The reads of what was written: each reply as documented.
    for (const url of [
      M,
      `${M}/runs`,
      `${M}/runs?_limit=1`,
      R,
      `${M}/runs/nightly-1`,
      `${R}/steps`,
      `${R}/steps/start`,
      `${R}/steps/start/tasks`,
      `${R}/steps/start/tasks/t-one`,
      T,
      `${T}/metadata`,
      `${R}/metadata`,
      `${T}/artifacts`,
      `${T}/artifacts/alpha`,
      `${T}/artifacts/alpha/attempt/0`,
      `${T}/attempt/0/artifacts`,
      `${R}/steps/start/artifacts`,
      `${R}/artifacts`,
      `${R}/steps/start/filtered_tasks?metadata_field_name=attempt&pattern=0`,
    ]) {
      const res = await write("GET", url, undefined);
      if (url.endsWith("_limit=1")) expect([res.headers.get("x-limit"), res.body.length]).toEqual(["1", 1]);
    }
    const meta = await write("GET", `${T}/metadata`, undefined);
    expect(meta.body.find((m: { field_name: string }) => m.field_name === "foreach-stack").value).toBe("[1,2]");
  });

  it("edits tags and reads them through the dashboard API as documented", async () => {
    const run = `/api/v1/runs/WriteFlow/1`;
    const edited = await write("PATCH", `${run}/tags`, { add: ["shipped"], remove: ["candidate"] });
    expect(edited.body.tags).toEqual(["shipped"]);
    await write("PATCH", `${run}/tags`, { remove: ["user:anne"] }, 422);
    const bulk = await write("POST", "/api/v1/tag-edits", { runs: ["WriteFlow/1", "WriteFlow/nightly-1", "WriteFlow/999"], add: ["reviewed"] });
    expect([bulk.body.changed, bulk.body.failed.length]).toEqual([2, 1]);
    await write("POST", "/api/v1/tag-edits", { filter: { namespace: "global", flow: "WriteFlow", tag: "reviewed" }, remove: ["reviewed"] });
    const deploy = await write("POST", "/api/v1/deployments/WriteFlow", {});
    expect(deploy.body.firstDeployment).toBe(true);
    await write("POST", "/api/v1/deployments/WriteFlow", { generateNewToken: true });
    for (const url of [
      `${run}?namespace=global`,
      `${run}/tags?namespace=global`,
      `${run}/tag-history`,
      "/api/v1/audit?flow=WriteFlow",
      "/api/v1/audit?kind=deploy",
      "/api/v1/runs?namespace=global&flow=WriteFlow",
      "/api/v1/runs/count?namespace=global&tag=shipped",
      "/api/v1/flows?namespace=global",
      "/api/v1/flows/WriteFlow/latest-run?namespace=user:anne",
      "/api/v1/namespaces",
      "/api/v1/tags?prefix=ship",
      "/api/v1/deployments",
      "/api/v1/deployments/WriteFlow",
      "/api/v1/resolve?pathspec=writeflow/1",
      `${run}/start/${taskId}/logs?namespace=global`,
      "/api/v1/runs?namespace=global&sort=duration&dir=asc",
      "/api/v1/runs?namespace=global&sort=flow",
      "/api/v1/pathspecs?prefix=write&namespace=global",
      "/api/v1/pathspecs?prefix=WriteFlow/&namespace=global",
    ]) {
      await write("GET", url, undefined);
    }
    // Refusals are documented too.
    await write("GET", `${run}?namespace=user:bob`, undefined, 404);
    await write("GET", "/api/v1/runs?limit=0", undefined, 400);
    await write("GET", "/api/v1/runs?sort=size", undefined, 400);
    await write("GET", "/api/v1/audit?kind=party", undefined, 400);
    await write("GET", "/api/v1/deployments/not-a-flow!", undefined, 400);
  });

  it("refuses request bodies that break the document with a documented 4xx", async () => {
    const R = `${M}/runs/1`;
    const T = `${R}/steps/start/tasks/${taskId}`;
    const cases: [string, string, unknown][] = [
      ["POST", "/api/metadata/flows/OtherFlow", { tags: "not-a-list" }],
      ["POST", "/api/metadata/flows/OtherFlow", { system_tags: [1, 2] }],
      ["POST", `${M}/run`, { ts_epoch: "yesterday" }],
      ["POST", `${M}/run`, { run_number: { id: 1 } }],
      ["POST", `${R}/steps/end/step`, { user_name: 42 }],
      ["POST", `${R}/steps/start/task`, { task_id: "" }],
      ["POST", `${T}/metadata`, { field_name: "attempt", value: "0" }],
      ["POST", `${T}/metadata`, [{ value: "0" }]],
      ["POST", `${T}/artifact`, [{ name: "x", attempt_id: -1 }]],
      ["POST", `${T}/artifact`, [{ location: "/x" }]],
      ["POST", `${T}/logs`, { stream: "stdlog", lines: [{ line: "x" }] }],
      ["POST", `${T}/logs`, { stream: "stdout", lines: [] }],
      ["PATCH", `${R}/tag/mutate`, { tags_to_add: "candidate" }],
      ["PATCH", `${R}/tag/mutate`, { tags_to_remove: [1] }],
      ["PATCH", "/api/v1/runs/WriteFlow/1/tags", { add: "candidate" }],
      ["PATCH", "/api/v1/runs/WriteFlow/1/tags", { add: [5] }],
      ["POST", "/api/v1/tag-edits", { runs: "WriteFlow/1", add: ["x"] }],
      ["POST", "/api/v1/tag-edits", { filter: { colour: "red" }, add: ["x"] }],
      ["POST", "/api/v1/deployments/WriteFlow", { generateNewToken: "yes" }],
      ["POST", "/api/v1/deployments/WriteFlow", { token: "abc" }],
    ];
    for (const [method, url, body] of cases) {
      const path = validator.pathOf(method, url);
      expect([method, url, body, validator.checkRequest(method, path, body).length > 0]).toEqual([method, url, body, true]);
      const res = await call(app, method, url, body);
      expect([method, url, body, res.status >= 400 && res.status < 500, res.problems]).toEqual([method, url, body, true, []]);
    }
  });
});
