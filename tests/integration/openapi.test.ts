// The OpenAPI document says what the app does: every route of the metadata
// router is documented, every documented operation exists on the running app
// (real HTTP, objects made first so reads can succeed).
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { APP_START_TIMEOUT, metadataClient, startApp, systemTags, type AppServer } from "../setup/metadata-servers";
import { openApiDocument } from "@/lib/openapi/document";
import { metadataRoutes } from "@/lib/metadata-api/routes";

const METHODS = ["get", "post", "patch", "put", "delete"];
const doc = openApiDocument();
const normalize = (p: string) => p.replace(/\{\w+\}/g, "{}");

function documented(): { method: string; path: string }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item as object).filter((k) => METHODS.includes(k)).map((method) => ({ method: method.toUpperCase(), path })),
  );
}

it("documents every route of the metadata router, and nothing it lacks", () => {
  const routes = metadataRoutes.map((r) => `${r.method} ${normalize(`/api/metadata${r.pattern}`)}`).sort();
  const docs = documented().filter((d) => d.path.startsWith("/api/metadata")).map((d) => `${d.method} ${normalize(d.path)}`).sort();
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
    await api.post(`${task}/artifact`, [{ name: "x", location: "/x", ds_type: "local", sha: "s", type: "t", content_type: "c", attempt_id: 0, user_name: "anne" }]);
    // So that reading the deployment of {flow} can succeed.
    expect((await fetch(`${app.url}/api/v1/deployments/DocFlow`, { method: "POST" })).status).toBe(200);
  }, APP_START_TIMEOUT);
  afterAll(async () => app?.stop());

  it("serves the document at /api/openapi.json", async () => {
    const res = await fetch(`${app.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect((await res.json()).paths).toEqual(JSON.parse(JSON.stringify(doc.paths)));
  });

  it("answers every documented operation (reads of existing objects succeed)", async () => {
    const values: Record<string, string> = { flow: "DocFlow", run: "1", step: "start", name: "x", attempt: "0" };
    // Query parameters a read cannot do without.
    const required: Record<string, string> = { "/api/v1/resolve": "&pathspec=docflow/1" };
    for (const { method, path } of documented()) {
      const url = path.replace(/\{(\w+)\}/g, (_, n: string) => (n === "task" ? String(taskId) : values[n] ?? "x"));
      const query = path.startsWith("/api/v1") ? `?namespace=global${required[path] ?? ""}` : "";
      const res = await fetch(`${app.url}${url}${query}`, { method, body: method === "GET" ? undefined : "{}" });
      const type = res.headers.get("content-type") ?? "";
      // A route that does not exist answers Next's HTML 404 page or a 405.
      expect([method, url, res.status === 405, type.includes("html")]).toEqual([method, url, false, false]);
      const mustSucceed = method === "GET" && (path.startsWith("/api/metadata") || !/\{(?!flow|run|step|task)\w+\}/.test(path));
      if (mustSucceed) expect([method, url, res.status]).toEqual([method, url, 200]);
      else expect([method, url, res.status < 500]).toEqual([method, url, true]);
      await res.body?.cancel(); // event streams never end on their own
    }
  });
});
