import "server-only";
// A small router for the metadata API: one catch-all Next route hands every
// request here. Patterns use {name} for a path segment; the route table in
// routes.ts is also what the OpenAPI document is checked against.
import { getDb, type Db } from "../db";
import { checkApiKey } from "./api-keys";
import { HttpError, containsNul, errorToResponse, json, message, notFoundResponse } from "./http";

export type Method = "GET" | "POST" | "PATCH";
export type RouteContext = { request: Request; url: URL; params: Record<string, string>; db: Db };
export type Route = {
  method: Method;
  pattern: string;
  handler: (ctx: RouteContext) => Promise<Response>;
  /** Open without an API key even when keys are required (health checks). */
  open?: boolean;
};

export const BASE_PATH = "/api/metadata";

function splitPath(pathname: string): string[] | null {
  const rest = pathname.startsWith(BASE_PATH) ? pathname.slice(BASE_PATH.length) : pathname;
  try {
    return rest.split("/").filter((s) => s !== "").map(decodeURIComponent);
  } catch {
    return null;
  }
}

export function matchPattern(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.split("/").filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.startsWith("{") && p.endsWith("}")) params[p.slice(1, -1)] = segments[i];
    else if (p !== segments[i]) return null;
  }
  return params;
}

const MAX_SEGMENT = 255;

function checkParams(params: Record<string, string>) {
  for (const [name, value] of Object.entries(params)) {
    if (value.length > MAX_SEGMENT) throw new HttpError(400, `The ${name} in the path is longer than ${MAX_SEGMENT} characters.`);
    if (containsNul(value)) throw new HttpError(400, `The ${name} in the path contains a NUL character.`);
  }
}

export function createDispatcher(routes: Route[]) {
  return async function dispatch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const where = `${request.method} ${url.pathname}`;
    try {
      const segments = splitPath(url.pathname);
      if (!segments) return message(400, "The path is not valid percent-encoded UTF-8.");
      const matches = routes.flatMap((r) => {
        const params = matchPattern(r.pattern, segments);
        return params ? [{ route: r, params }] : [];
      });
      if (!matches.length) return notFoundResponse();
      const hit = matches.find((m) => m.route.method === request.method);
      if (!hit) {
        const allow = [...new Set(matches.map((m) => m.route.method))].join(", ");
        return json({ message: `${request.method} is not allowed here; use ${allow}.` }, 405, { allow });
      }
      if (!hit.route.open) checkApiKey(request, request.method !== "GET");
      checkParams(hit.params);
      for (const [k, v] of url.searchParams) {
        if (containsNul(k) || containsNul(v)) throw new HttpError(400, "The query contains a NUL character.");
      }
      return await hit.route.handler({ request, url, params: hit.params, db: await getDb() });
    } catch (e) {
      return errorToResponse(e, where);
    }
  };
}

export { HttpError };
