// The OpenAPI document describes every dashboard route that exists.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";

const apiRoot = path.resolve(import.meta.dirname, "../../app/api/v1");

function routePaths(dir: string, prefix = "/api/v1"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isFile()) return e.name === "route.ts" ? [prefix] : [];
    return routePaths(path.join(dir, e.name), `${prefix}/${e.name.replace(/^\[(\w+)\]$/, "{$1}")}`);
  });
}

describe("OpenAPI document of the dashboard API", () => {
  const doc = openApiDocument();

  it("has a path for every route under app/api/v1", () => {
    const routes = routePaths(apiRoot);
    expect(routes).toContain("/api/v1/runs/{flow}/{run}");
    for (const r of routes) expect(Object.keys(doc.paths), r).toContain(r);
  });

  it("documents every method each route file exports, and no other", () => {
    const files = (dir: string, prefix = "/api/v1"): [string, string][] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        if (e.isFile()) return e.name === "route.ts" ? [[prefix, path.join(dir, e.name)] as [string, string]] : [];
        return files(path.join(dir, e.name), `${prefix}/${e.name.replace(/^\[(\w+)\]$/, "{$1}")}`);
      });
    for (const [route, file] of files(apiRoot)) {
      const exported = [...readFileSync(file, "utf8").matchAll(/^export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/gm)]
        .map((m) => m[1].toLowerCase())
        .sort();
      const item = doc.paths[route] as Record<string, unknown>;
      expect([route, Object.keys(item).sort()]).toEqual([route, exported]);
    }
  });

  it("documents every runs filter and the not_in_namespace error", () => {
    const runs = doc.paths["/api/v1/runs"].get as { parameters: { name: string }[] };
    expect(runs.parameters.map((p) => p.name)).toEqual([
      "namespace",
      "tag",
      "anyTag",
      "notTag",
      "status",
      "flow",
      "user",
      "since",
      "until",
      "limit",
      "cursor",
      "sort",
      "dir",
    ]);
    const run = doc.paths["/api/v1/runs/{flow}/{run}"].get as { parameters: { name: string }[]; responses: Record<string, unknown> };
    expect(run.parameters.map((p) => p.name)).toEqual(["flow", "run", "namespace"]);
    expect(JSON.stringify(run.responses[404])).toContain("DashboardError");
    expect(JSON.stringify(doc.components.schemas.DashboardError)).toContain("not_in_namespace");
  });
});
