// The dashboard API's hot JSON reads, answered by the custom server without
// the App Router's per-request cost (3–4 ms of CPU, a third of a timeline
// page): the runs list React Query polls and the run detail routes. The same
// route functions as Next's (lib/http/runs-api.ts, lib/http/run-detail-api.ts:
// access check, identity, validation, errors), the same decoded path
// parameters, with the headers proxy.ts puts on every /api/ answer; their
// statements are cancelled when the client leaves first. Anything
// else, HEAD and odd paths (empty or dot segments) included, goes to Next.
import { Readable } from "node:stream";
import type { IncomingMessage, ServerResponse } from "node:http";
import { listRunsRoute } from "../http/runs-api";
import {
  answer,
  artifactPreviewRoute,
  runDagRoute,
  runDetail,
  runParametersRoute,
  runTasksRoute,
  runTimelineRoute,
  taskArtifactsRoute,
  taskDetailRoute,
  taskLogsRoute,
  type PathHandler,
} from "../http/run-detail-api";
import { jsonRoute } from "../http/json-route";
import { applySecurityHeaders } from "../http/security-headers";
import { decodedSegments } from "../http/url-text";
import { abortedWhenClientLeaves } from "../metadata-api/transport";
import { withRequestHeaders } from "../request-scope";
import { currentUser } from "../session";

type Handler = PathHandler<Record<string, string>>;
const route = (pattern: string, handler: PathHandler<never>) => ({ parts: pattern.split("/"), handler: handler as unknown as Handler });

// Patterns under /api/v1/, as Next's folders name them. No two of these match the same path, so their order
// does not matter; paths of other routes there (…/tags, …/cards) match none of them.
const ROUTES = [
  route("runs/:flow/:run", runDetail),
  route("runs/:flow/:run/dag", runDagRoute),
  route("runs/:flow/:run/parameters", runParametersRoute),
  route("runs/:flow/:run/tasks", runTasksRoute),
  route("runs/:flow/:run/timeline", runTimelineRoute),
  route("runs/:flow/:run/:step/:task", taskDetailRoute),
  route("runs/:flow/:run/:step/:task/artifacts", taskArtifactsRoute),
  route("runs/:flow/:run/:step/:task/artifacts/:name", artifactPreviewRoute),
  route("runs/:flow/:run/:step/:task/logs", taskLogsRoute),
];
const listRuns = listRunsRoute(() => currentUser());

/** The paths this server answers itself, under /api/v1/ (for the tests). */
export const DASHBOARD_PATHS = ["runs", ...ROUTES.map((r) => r.parts.join("/"))];
const PREFIX = "/api/v1/";

function paramsOf(parts: string[], segments: string[]): Record<string, string> | null {
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    if (parts[i][0] === ":") params[parts[i].slice(1)] = segments[i];
    else if (parts[i] !== segments[i]) return null;
  }
  return params;
}

/** The route function answering this request, or null to let Next answer it. */
export function dashboardRouteOf(req: IncomingMessage): ((request: Request) => Promise<Response>) | null {
  const url = req.url ?? "";
  if (req.method !== "GET" || !url.startsWith(PREFIX)) return null;
  const q = url.indexOf("?");
  const segments = decodedSegments(url.slice(PREFIX.length, q < 0 ? undefined : q));
  if (!segments || segments.some((s) => s === "" || s === "." || s === "..")) return null;
  if (segments.length === 1 && segments[0] === "runs") return listRuns;
  for (const { parts, handler } of ROUTES) {
    const params = paramsOf(parts, segments);
    if (params) return jsonRoute((request: Request) => answer(handler, request, params));
  }
  return null;
}

function requestOf(req: IncomingMessage, res: ServerResponse): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  // Only the path and query are read (no write here checks the origin): the host need not be parsed.
  return new Request(new URL(req.url ?? "/", "http://localhost"), { headers, signal: abortedWhenClientLeaves(res) });
}

export async function serveDashboardRoute(route: (request: Request) => Promise<Response>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request = requestOf(req, res);
  const response = await withRequestHeaders(request.headers, () => route(request));
  applySecurityHeaders(res);
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body || response.headers.get("content-type")?.startsWith("application/json")) {
    const body = await response.text();
    res.setHeader("content-length", Buffer.byteLength(body));
    res.writeHead(response.status);
    res.end(body);
    return;
  }
  // A log download: streamed, never held whole in memory.
  res.writeHead(response.status);
  Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(res);
}
