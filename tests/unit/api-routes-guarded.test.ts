// Every handler of the dashboard API refuses, in proxy mode, a request
// without the proxy's header before doing anything: a handler exported
// without jsonRoute (which checks, lib/http/api-access.ts) would answer anyone;
// so would a route the custom server answers itself (lib/server/dashboard-api.ts).
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const routes = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routes(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : [],
  );

const saved = process.env.FLOWDECK_AUTH_MODE;
beforeAll(() => void (process.env.FLOWDECK_AUTH_MODE = "proxy"));
afterAll(() => void (saved === undefined ? delete process.env.FLOWDECK_AUTH_MODE : (process.env.FLOWDECK_AUTH_MODE = saved)));

it("every /api/v1 handler answers 401 without the proxy's header", async () => {
  const files = routes(path.join(root, "app/api/v1"));
  expect(files.length).toBeGreaterThan(10);
  const params = Promise.resolve({ flow: "F", run: "1", step: "s", task: "1", user: "u" });
  const answered: string[] = [];
  for (const file of files) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS.filter((m) => typeof mod[m] === "function")) {
      const handler = mod[method] as (r: Request, ctx: unknown) => Promise<Response>;
      const res = await handler(new Request(`http://localhost/${path.relative(root, file)}`, { method }), { params });
      answered.push(`${method} ${path.relative(path.join(root, "app"), path.dirname(file))} ${res.status}`);
    }
  }
  expect(answered.length).toBeGreaterThan(15);
  expect(answered.filter((a) => !a.endsWith(" 401"))).toEqual([]);
}, 60_000);

it("every route the custom server answers itself answers 401 without the proxy's header", async () => {
  const { DASHBOARD_PATHS, dashboardRouteOf } = await import("@/lib/server/dashboard-api");
  expect(DASHBOARD_PATHS.length).toBeGreaterThan(5);
  for (const pattern of DASHBOARD_PATHS) {
    const url = `/api/v1/${pattern.replace(/:flow/, "F").replace(/:run/, "1").replace(/:step/, "s").replace(/:task/, "1").replace(/:name/, "a")}`;
    const route = dashboardRouteOf({ method: "GET", url } as import("node:http").IncomingMessage);
    expect(route, url).not.toBeNull();
    expect((await route!(new Request(`http://localhost${url}`))).status, url).toBe(401);
  }
});
