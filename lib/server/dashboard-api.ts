// The dashboard's hottest JSON read, GET /api/v1/runs (the runs list polls
// it), answered by the custom server without the App Router's per-request
// cost (3–4 ms of CPU): the same route function as Next's (lib/http/runs-api.ts:
// access check, identity, validation, errors), with the headers proxy.ts puts
// on every /api/ answer. Anything else, HEAD included, goes to Next.
import type { IncomingMessage, ServerResponse } from "node:http";
import { USER_COOKIE } from "../domain/identity";
import { listRunsRoute } from "../http/runs-api";
import { applySecurityHeaders } from "../http/security-headers";
import { abortedWhenClientLeaves } from "../metadata-api/transport";
import { RequestCookies } from "next/dist/server/web/spec-extension/cookies";
import { identityOf } from "../request-identity";

const PATH = "/api/v1/runs";

export function isRunsList(req: IncomingMessage): boolean {
  const url = req.url ?? "";
  return req.method === "GET" && url.startsWith(PATH) && (url.length === PATH.length || url.charCodeAt(PATH.length) === 63); /* ? */
}

// Next's own cookie parser, so the cookie reads exactly as cookies() reads it in the App Router.
const route = listRunsRoute(async (request) => (await identityOf(request.headers, new RequestCookies(request.headers).get(USER_COOKIE)?.value)).user);

function requestOf(req: IncomingMessage, res: ServerResponse): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  // Only the query is read (no write here checks the origin): the host need not be parsed.
  return new Request(new URL(req.url ?? "/", "http://localhost"), { headers, signal: abortedWhenClientLeaves(res) });
}

export async function serveRunsList(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const response = await route(requestOf(req, res));
  const body = await response.text();
  applySecurityHeaders(res);
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.setHeader("content-length", Buffer.byteLength(body));
  res.writeHead(response.status);
  res.end(body);
}
