// End to end with the REAL Metaflow client: flows run with the service
// metadata provider against Flowdeck (next start), then Metaflow's Client API
// reads them back (client_checks.py). Needs Metaflow's source, never committed:
// a checkout of the Netflix/metaflow repository at /tmp/metaflow, or
// `pip install --no-deps --target /tmp/metaflow metaflow` (or METAFLOW_SRC=…).
// Run with `npm run test:metaflow`; without the source the suite says so and skips.
// Python 3 with `requests` must be installed.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { startApp, type AppServer } from "../setup/metadata-servers";

const SRC = process.env.METAFLOW_SRC ?? "/tmp/metaflow";
const available = existsSync(path.join(SRC, "metaflow", "__init__.py"));
const WIDTH = Number(process.env.FOREACH_WIDTH ?? 120);
const here = import.meta.dirname;

if (!available) {
  console.warn(
    `\n*** Metaflow end-to-end suite SKIPPED: no Metaflow source at ${SRC}.\n` +
      `*** Get it: a checkout of the Netflix/metaflow repository at ${SRC}, or pip install --no-deps --target ${SRC} metaflow\n` +
      `*** (or set METAFLOW_SRC), then npm run test:metaflow.\n`,
  );
}

type Ran = { code: number; out: string; runId: string | null };

function python(args: string[], env: Record<string, string>, cwd = path.join(here, "flows")): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn("python3", args, { cwd, env: { ...process.env, ...env } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code: code ?? 1, out, runId: /run-id ([^\s):]+)/.exec(out)?.[1] ?? null }));
  });
}

(available ? describe : describe.skip)("the real Metaflow client against Flowdeck", () => {
  forEachDatabase("Metaflow client", (t) => {
    let app: AppServer;
    let env: (user: string) => Record<string, string>;
    let sysroot: string;
    const ids: Record<string, string | number> = { width: WIDTH };

    beforeAll(async () => {
      sysroot = mkdtempSync(path.join(os.tmpdir(), "flowdeck-mf-"));
      // Flowdeck reads datastores only under the roots it is given.
      app = await startApp({ databaseUrl: t.url, env: { FLOWDECK_DATASTORE_ROOTS: sysroot } });
      env = (user) => ({
        PYTHONPATH: SRC,
        METAFLOW_SERVICE_URL: `${app.url}/api/metadata`,
        METAFLOW_DEFAULT_METADATA: "service",
        METAFLOW_DEFAULT_DATASTORE: "local",
        METAFLOW_DATASTORE_SYSROOT_LOCAL: sysroot,
        METAFLOW_USER: user,
        USERNAME: user,
        USER: user,
        HOME: sysroot,
        FOREACH_WIDTH: String(WIDTH),
      });
    });
    afterAll(async () => {
      await app?.stop();
      if (sysroot) rmSync(sysroot, { recursive: true, force: true });
    });

    const run = async (user: string, args: string[], extra: Record<string, string> = {}) => {
      const r = await python(args, { ...env(user), ...extra });
      return r;
    };

    it("records HelloFlow runs of anne and will with their tags", async () => {
      const tagged = await run("anne", ["helloflow.py", "run", "--tag", "crazy_test", "--tag", "date:2020-06-01"]);
      expect(tagged.code, tagged.out).toBe(0);
      const will = await run("will", ["helloflow.py", "run", "--tag", "crazy_test"]);
      expect(will.code, will.out).toBe(0);
      const latest = await run("anne", ["helloflow.py", "run", "--tag", "crazy_test"]);
      expect(latest.code, latest.out).toBe(0);
      Object.assign(ids, { anne_tagged: tagged.runId, will: will.runId, anne_latest: latest.runId });
      const status = await fetch(`${app.url}/api/v1/runs/HelloFlow/${tagged.runId}?namespace=global`).then((r) => r.json());
      expect(status.run.status).toBe("completed");
      const logs = await fetch(
        `${app.url}/api/v1/runs/HelloFlow/${tagged.runId}/hello/${await taskOf("HelloFlow", tagged.runId!, "hello")}/logs?namespace=global`,
      ).then((r) => r.json());
      expect(logs.lines.map((l: { line: string }) => l.line)).toContain("Metaflow says: hi");
    }, 240_000);

    async function taskOf(flow: string, runId: string, step: string): Promise<string> {
      const tasks = await fetch(`${app.url}/api/metadata/flows/${flow}/runs/${runId}/steps/${step}/tasks`).then((r) => r.json());
      return String(tasks[0].task_id);
    }

    it("records a failed run and will's resume of it", async () => {
      const failed = await run("anne", ["resumeflow.py", "run"]);
      expect(failed.code, failed.out).not.toBe(0);
      const resumed = await run("will", ["resumeflow.py", "resume", "--origin-run-id", failed.runId!], { RESUME_FLOW_FIXED: "1" });
      expect(resumed.code, resumed.out).toBe(0);
      Object.assign(ids, { resume_origin: failed.runId, resumed: resumed.runId });
      expect(resumed.runId).not.toBe(failed.runId);
      const detail = (id: string) => fetch(`${app.url}/api/v1/runs/ResumeFlow/${id}?namespace=global`).then((r) => r.json());
      // Metaflow's rule: no end step yet and a fresh heartbeat → running (failed once the heartbeat is 6 min old).
      expect((await detail(failed.runId!)).run.status).toBe("running");
      const again = await detail(resumed.runId!);
      expect([again.run.status, again.run.originRunId, again.run.systemTags]).toEqual(["completed", failed.runId, expect.arrayContaining(["user:will"])]);
    }, 240_000);

    it("explains a run with parameters, a foreach and a card: DAG, parameter and artifact values, logs, card", async () => {
      // Metaflow writes local cards under the working directory's .metaflow: run from the sysroot so they land in the datastore.
      const r = await python([path.join(here, "flows", "detailflow.py"), "run", "--alpha", "0.25"], env("anne"), sysroot);
      expect(r.code, r.out.slice(-3000)).toBe(0);
      const api = (p: string) => fetch(`${app.url}/api/v1/runs/DetailFlow/${r.runId}${p}${p.includes("?") ? "&" : "?"}namespace=global`);
      const dag = await api("/dag").then((x) => x.json());
      expect(dag.source).toBe("graph_info");
      expect(dag.nodes.map((n: { name: string; kind: string; taskCount: number }) => [n.name, n.kind, n.taskCount])).toEqual([
        ["start", "foreach", 1],
        ["work", "linear", 3],
        ["join", "join", 1],
        ["end", "end", 1],
      ]);
      expect(dag.edges).toEqual([
        { from: "start", to: "work", foreach: true },
        { from: "work", to: "join", foreach: false },
        { from: "join", to: "end", foreach: false },
      ]);
      const params = await api("/parameters").then((x) => x.json());
      expect(params.parameters.map((p: { name: string; value: string }) => [p.name, p.value])).toEqual([
        ["alpha", "0.25"],
        ["label", "'baseline'"],
      ]);
      const work = await taskOf("DetailFlow", r.runId!, "work");
      const result = await api(`/work/${work}/artifacts/result`).then((x) => x.json());
      expect(result.preview.repr).toMatch(/^\{'item': '[abc]', 'size': 10, 'ok': True\}$/);
      const start = await taskOf("DetailFlow", r.runId!, "start");
      const logs = await api(`/start/${start}/logs`).then((x) => x.json());
      expect(logs.lines.map((l: { line: string }) => l.line)).toContain("detail flow starting with alpha 0.25");
      const join = await taskOf("DetailFlow", r.runId!, "join");
      const cards = await api(`/join/${join}/cards`).then((x) => x.json());
      expect(cards.cards.map((c: { type: string }) => c.type)).toEqual(["default"]);
      const html = await api(`/join/${join}/cards/${encodeURIComponent(cards.cards[0].id)}`);
      expect([html.status, html.headers.get("content-type")]).toEqual([200, "text/html; charset=utf-8"]);
      expect((await html.text()).length).toBeGreaterThan(1000);
    }, 300_000);

    const deploy = (flow: string) =>
      fetch(`${app.url}/api/v1/deployments/${flow}`, { method: "POST", headers: { "x-flowdeck-user": "anne", "x-flowdeck-client": "cli" } }).then(
        async (r) => ({ status: r.status, body: await r.json() }),
      );

    it("records a scheduled run with METAFLOW_PRODUCTION_TOKEN in the production namespace, with no user: tag", async () => {
      const deployed = await deploy("HelloFlow");
      expect(deployed.status).toBe(200);
      const { token, namespace } = deployed.body as { token: string; namespace: string };
      // What a scheduler does: the token in the environment, whoever the OS user is.
      const prod = await run("anne", ["helloflow.py", "run"], { METAFLOW_PRODUCTION_TOKEN: token });
      expect(prod.code, prod.out).toBe(0);
      const detail = await fetch(`${app.url}/api/v1/runs/HelloFlow/${prod.runId}?namespace=${encodeURIComponent(namespace)}`).then((r) => r.json());
      expect(detail.run.systemTags).toContain(namespace);
      expect(detail.run.systemTags.filter((t: string) => t.startsWith("user:"))).toEqual([]);
      const listed = await fetch(`${app.url}/api/v1/runs?namespace=${encodeURIComponent(namespace)}`).then((r) => r.json());
      expect(listed.runs.map((r: { key: string }) => r.key)).toEqual([prod.runId]);
      const screen = await fetch(`${app.url}/api/v1/deployments/HelloFlow`).then((r) => r.json());
      expect([screen.namespace, screen.runCount]).toEqual([namespace, 1]);
      ids.production_namespace = namespace;
      ids.production_run = prod.runId!;
    }, 240_000);

    it("resumes a failed production run into the resuming person's namespace, recording the origin", async () => {
      const { token, namespace } = (await deploy("ResumeFlow")).body as { token: string; namespace: string };
      const failed = await run("anne", ["resumeflow.py", "run"], { METAFLOW_PRODUCTION_TOKEN: token });
      expect(failed.code, failed.out).not.toBe(0);
      const resumed = await run("will", ["resumeflow.py", "resume", "--origin-run-id", failed.runId!], { RESUME_FLOW_FIXED: "1" });
      expect(resumed.code, resumed.out).toBe(0);
      const detail = (id: string, ns: string) => fetch(`${app.url}/api/v1/runs/ResumeFlow/${id}?namespace=${encodeURIComponent(ns)}`).then((r) => r.json());
      expect((await detail(failed.runId!, namespace)).run.systemTags).toContain(namespace);
      const again = await detail(resumed.runId!, "user:will");
      expect([again.run.status, again.run.originRunId]).toEqual(["completed", failed.runId]);
      expect(again.run.systemTags).toContain("user:will");
      expect(again.run.systemTags).not.toContain(namespace);
      expect((await detail(failed.runId!, namespace)).resumed.map((r: { key: string }) => r.key)).toEqual([resumed.runId]);
    }, 240_000);

    it(`records a foreach of ${WIDTH} tasks`, async () => {
      const wide = await run("anne", ["foreachflow.py", "run", "--max-workers", "8", "--max-num-splits", String(WIDTH + 10)]);
      expect(wide.code, wide.out.slice(-3000)).toBe(0);
      ids.foreach = wide.runId!;
    }, 1_200_000);

    it("reads everything back through Metaflow's Client API", async () => {
      const r = await python([path.join(here, "client_checks.py"), JSON.stringify(ids)], env("anne"));
      const results = r.out
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { check: string; ok: boolean; detail: string });
      expect(results.length, r.out).toBe(12);
      for (const res of results) {
        console.log(`${res.ok ? "PASS" : "FAIL"} ${res.check}`);
        expect({ check: res.check, ok: res.ok, detail: res.ok ? "" : res.detail }).toEqual({ check: res.check, ok: true, detail: "" });
      }
    }, 300_000);
  });
});
