import "server-only";
// A small router for the metadata API, whichever server carries the request:
// the custom server (lib/server) answers /api/metadata with node:http, and the
// Next catch-all route does so under `next dev`. Patterns use {name} for a
// path segment; the route table in routes.ts is also what the OpenAPI
// document is checked against.
import { getDb, type Db } from "../db";
import { checkApiKey } from "./api-keys";
import { BAD_ENCODING, decodedSegments } from "../http/url-text";
import { HttpError, checkString, errorToResponse, json, message, notFoundResponse, type BodySource, type Reply } from "./http";

export type Method = "GET" | "POST" | "PATCH";

/** A request as both servers give it: `path` is the raw path (still percent-encoded), below the base or not. */
export type MetadataRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  header: (name: string) => string | null;
  body: BodySource;
  /** Aborts when the client leaves before the answer. */
  signal?: AbortSignal;
};

export type RouteContext = {
  params: Record<string, string>;
  query: URLSearchParams;
  header: (name: string) => string | null;
  body: BodySource;
  db: Db;
  /** Aborts when the client closes its connection before the answer (read with whileClientWaits). */
  signal?: AbortSignal;
};

export type Route = {
  method: Method;
  pattern: string;
  handler: (ctx: RouteContext) => Promise<Reply>;
  /** Open without an API key even when keys are required (health checks). */
  open?: boolean;
};

export const BASE_PATH = "/api/metadata";

function splitPath(pathname: string): string[] | null {
  const rest = pathname.startsWith(BASE_PATH) ? pathname.slice(BASE_PATH.length) : pathname;
  return decodedSegments(rest)?.filter((s) => s !== "") ?? null;
}

/** A pattern's segments: a literal to equal, or the name of a parameter. */
type Part = { literal: string; name?: undefined } | { name: string; literal?: undefined };

const patternParts = (pattern: string): Part[] =>
  pattern
    .split("/")
    .filter(Boolean)
    .map((p) => (p.startsWith("{") && p.endsWith("}") ? { name: p.slice(1, -1) } : { literal: p }));

export function matchPattern(pattern: string | Part[], segments: string[]): Record<string, string> | null {
  const parts = typeof pattern === "string" ? patternParts(pattern) : pattern;
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.name !== undefined) params[p.name] = segments[i];
    else if (p.literal !== segments[i]) return null;
  }
  return params;
}

const MAX_SEGMENT = 255;

// Control characters (CR, LF, …) never belong in a name.
const CONTROL = /[\u0000-\u001f\u007f]/;
// What any of the checks below refuses but length and lone surrogates: most paths have none, and skip them.
const SUSPECT = /[\u0000-\u001f\u007f/]/;

function checkParams(params: Record<string, string>) {
  for (const name in params) {
    const value = params[name];
    if (value.length <= MAX_SEGMENT && !SUSPECT.test(value) && value.isWellFormed()) continue;
    if (value.length > MAX_SEGMENT) throw new HttpError(400, `The ${name} in the path is longer than ${MAX_SEGMENT} characters.`);
    checkString(value, `The ${name} in the path`, `The ${name} in the path contains a NUL character.`);
    if (CONTROL.test(value)) throw new HttpError(400, `The ${name} in the path contains a control character.`);
    if (value.includes("/")) throw new HttpError(400, `The ${name} in the path contains a slash (%2F).`);
  }
}

/**
 * Writes come from Metaflow clients, never from a web page: a browser's
 * cross-site request carries an Origin naming another site, and a body that is
 * not JSON is how a page writes without asking first (a "simple" request).
 */
function checkWrite(request: MetadataRequest) {
  const origin = request.header("origin");
  if (origin && origin !== "null") {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      /* an Origin that is not a URL is refused below */
    }
    const own = [request.header("host"), request.header("x-forwarded-host")];
    if (!host || !own.includes(host)) throw new HttpError(403, `Cross-site writes are refused: this request came from ${origin}.`);
  } else if (origin === "null") {
    throw new HttpError(403, "Cross-site writes are refused: this request came from an opaque origin.");
  }
  // Metaflow's client sends JSON, and its heartbeats "{}" with no Content-Type at all; a
  // browser page writing without asking first would send text/plain or a form.
  const type = request.header("content-type");
  if (type !== null && type.trim() !== "" && !/^application\/json\b/i.test(type)) {
    throw new HttpError(415, `Send the body as JSON (Content-Type: application/json), as Metaflow's client does, not as ${type}.`);
  }
}

/** A handler's view of its request. A class: see NodeMetadataRequest in transport.ts. */
class Context implements RouteContext {
  readonly query: URLSearchParams;
  readonly header: RouteContext["header"];
  readonly body: BodySource;

  constructor(
    readonly params: Record<string, string>,
    private readonly request: MetadataRequest,
    readonly db: Db,
  ) {
    this.query = request.query;
    this.header = request.header;
    this.body = request.body;
  }

  get signal(): AbortSignal | undefined {
    return this.request.signal; // read lazily (see fromNode)
  }
}

export function createDispatcher(routes: Route[]) {
  // Routes by their number of segments: a request is matched against a handful, not all.
  const bySize = new Map<number, { route: Route; parts: Part[] }[]>();
  for (const route of routes) {
    const parts = patternParts(route.pattern);
    bySize.set(parts.length, [...(bySize.get(parts.length) ?? []), { route, parts }]);
  }
  return async function dispatch(request: MetadataRequest): Promise<Reply> {
    try {
      const segments = splitPath(request.path);
      if (!segments) return message(400, BAD_ENCODING);
      // Written or encoded (%2e%2e), a dot segment names no Metaflow object: refuse it rather than resolve it.
      if (segments.some((s) => s === "." || s === "..")) return message(400, "The path must not contain . or .. segments.");
      const matches: { route: Route; params: Record<string, string> }[] = [];
      for (const { route, parts } of bySize.get(segments.length) ?? []) {
        const params = matchPattern(parts, segments);
        if (params) matches.push({ route, params });
      }
      if (!matches.length) return notFoundResponse();
      const hit = matches.find((m) => m.route.method === request.method);
      if (!hit) {
        const allow = [...new Set(matches.map((m) => m.route.method))].join(", ");
        return json({ message: `${request.method} is not allowed here; use ${allow}.` }, 405, { allow });
      }
      if (!hit.route.open) checkApiKey(request.header, request.method !== "GET");
      if (request.method !== "GET") checkWrite(request);
      checkParams(hit.params);
      for (const [k, v] of request.query) {
        for (const s of [k, v]) checkString(s, "The query", "The query contains a NUL character.");
      }
      return await hit.route.handler(new Context(hit.params, request, await getDb()));
    } catch (e) {
      return errorToResponse(e, `${request.method} ${request.path}`);
    }
  };
}

export { HttpError };
