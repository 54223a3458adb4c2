// The dashboard API routes the custom server answers itself
// (lib/server/dashboard-api.ts), over real HTTP on both databases: who asks is
// read from the request (cookie, X-Flowdeck-User, the server's default user)
// exactly as inside Next, path parameters are decoded as Next decodes them,
// the API's security headers are on every answer, log downloads stream, and
// what the custom server does not answer (HEAD, other routes) still reaches Next.
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { APP_START_TIMEOUT, type AppServer } from "../setup/metadata-servers";
import { startDemoApp, type DemoApp } from "../setup/demo-app";
import { API_CSP } from "@/lib/http/security-headers";

forEachDatabase("dashboard routes on the custom server", (t) => {
  let app: AppServer;
  let demo: DemoApp;
  const get = (p: string, headers: Record<string, string> = {}) => fetch(`${app.url}/api/v1/${p}`, { headers });

  beforeAll(async () => {
    demo = await startDemoApp(t);
    app = demo.app;
  }, APP_START_TIMEOUT);
  afterAll(() => demo?.stop());

  it("reads who asks from the user cookie, the CLI's header or the server's user, as Next does", async () => {
    // HelloFlow/1 is anne's run, HelloFlow/3 will's; without ?namespace= each sees only their own.
    for (const route of ["runs/HelloFlow/1", "runs/HelloFlow/1/timeline", "runs/HelloFlow/1/tasks", "runs/HelloFlow/1/dag"]) {
      expect((await get(route)).status, route).toBe(200);
      const will = await get(route, { cookie: "flowdeck-user=will" });
      expect(will.status, route).toBe(404);
      expect((await will.json()).error).toMatchObject({ code: "not_in_namespace", namespaces: expect.arrayContaining(["user:anne"]) });
      expect((await get(route.replace("/1", "/3"), { cookie: "theme=dark; flowdeck-user=will" })).status, route).toBe(200);
      expect((await get(route.replace("/1", "/3"), { "x-flowdeck-user": "will" })).status, route).toBe(200);
    }
    const runs = await (await get("runs?limit=100", { cookie: "flowdeck-user=will" })).json();
    expect(runs.runs.length).toBeGreaterThan(0);
    expect(runs.runs.every((r: { systemTags: string[] }) => r.systemTags.includes("user:will"))).toBe(true);
  });

  it("decodes path parameters as Next does, and explains a bad pathspec or query", async () => {
    const space = await get("runs/Hello%20Flow/1/timeline?namespace=global");
    expect(space.status).toBe(400);
    expect((await space.json()).error.message).toContain('"Hello Flow" is not a flow name');
    const unicode = await get("runs/HelloFlow/%E2%9C%93/tasks?namespace=global");
    expect(unicode.status).toBe(404);
    expect((await unicode.json()).error.message).toBe("Run HelloFlow/✓ does not exist.");
    const limit = await get("runs/HelloFlow/1/tasks?namespace=global&limit=0");
    expect(limit.status).toBe(400);
    expect((await limit.json()).error.code).toBe("bad_request");
    expect((await get("runs/HelloFlow/1/timeline?namespace=global&cursor=%00")).status).toBe(400);
  });

  it("puts the API's security headers and no-cache rules on its answers", async () => {
    for (const route of ["runs?namespace=global", "runs/HelloFlow/1?namespace=global", "runs/HelloFlow/1/timeline?namespace=global"]) {
      const res = await get(route);
      expect(res.status, route).toBe(200);
      expect(res.headers.get("content-security-policy"), route).toBe(API_CSP);
      expect(res.headers.get("x-frame-options"), route).toBe("DENY");
      expect(res.headers.get("content-type"), route).toMatch(/^application\/json/);
      expect(Number(res.headers.get("content-length")), route).toBe(Buffer.byteLength(await res.text()));
    }
  });

  it("streams a log download, and leaves HEAD and the other routes to Next", async () => {
    const start = (await (await get("runs/PredictionFlow/8/tasks?namespace=global&step=start")).json()).tasks[0];
    const download = await get(`runs/${start.pathspec}/logs?namespace=global&download=1`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.stdout\.log"$/);
    const page = await (await get(`runs/${start.pathspec}/logs?namespace=global`)).json();
    expect(page.lines.length).toBeGreaterThan(0);
    expect((await download.text()).trimEnd().split("\n")).toHaveLength(page.lines.length);
    const head = await fetch(`${app.url}/api/v1/runs/HelloFlow/1?namespace=global`, { method: "HEAD" });
    expect(head.status).toBe(200);
    const tags = await get("runs/HelloFlow/1/tags?namespace=global");
    expect(tags.status).toBe(200);
    expect(await tags.json()).toMatchObject({ tags: expect.any(Array), systemTags: expect.arrayContaining(["user:anne"]) });
  });

  it("answers identical page and JSON requests made at once, each page with a nonce of its own", async () => {
    const asked = async (p: string, headers: Record<string, string>) => {
      const res = await fetch(`${app.url}${p}`, { headers });
      const csp = res.headers.get("content-security-policy") ?? "";
      return { status: res.status, csp, body: await res.text() };
    };
    const variants: Record<string, string>[] = [{ "accept-encoding": "identity" }, { "accept-encoding": "gzip" }, { cookie: "flowdeck-user=will" }];
    for (const headers of variants) {
      const home = await Promise.all(Array.from({ length: 12 }, () => asked("/?namespace=global", headers)));
      const nonces = home.map((h) => /'nonce-([^']+)'/.exec(h.csp)?.[1]);
      expect(home.map((h) => h.status)).toEqual(home.map(() => 200));
      expect(new Set(nonces).size).toBe(home.length);
      home.forEach((h, i) => {
        const inBody = [...h.body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
        expect(inBody.length).toBeGreaterThan(0);
        expect(new Set(inBody)).toEqual(new Set([nonces[i]]));
        expect(h.body).toContain("HelloFlow");
      });
    }
    const lists = await Promise.all(Array.from({ length: 12 }, () => asked("/api/v1/runs?namespace=global&limit=5", {})));
    for (const l of lists) {
      expect(l.status).toBe(200);
      expect(l.csp).toBe(API_CSP);
      expect(JSON.parse(l.body).runs).toHaveLength(5);
    }
    const wills = await Promise.all(Array.from({ length: 6 }, () => asked("/api/v1/runs?limit=100", { cookie: "flowdeck-user=will" })));
    for (const w of wills) expect(JSON.parse(w.body).runs.every((r: { systemTags: string[] }) => r.systemTags.includes("user:will"))).toBe(true);
  });
});
