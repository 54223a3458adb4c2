// One way for JSON route handlers to answer errors: a person's mistake gets
// its status and a message they can act on; a bug gets logged and a generic 500.
import { z } from "zod";
import { UserError, badRequest, isDatabaseUnavailable, isUserError } from "../errors";
import { urlTextProblem } from "./url-text";
import { requireApiAccess } from "./api-access";

export type JsonErrorBody = {
  error: { code: string; message: string; [detail: string]: unknown };
};

export function jsonError(status: number, code: string, message: string, details?: Record<string, unknown>): Response {
  const body: JsonErrorBody = { error: { ...details, code, message } };
  return Response.json(body, { status });
}

/** Turns a thrown value into the JSON response a client should see. */
export function errorResponse(e: unknown, context = "request"): Response {
  if (isUserError(e)) return jsonError(e.status, e.code, e.message, e.details);
  if (e instanceof z.ZodError) {
    return jsonError(400, "bad_request", describeZodError(e), {
      issues: e.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
    });
  }
  if (isDatabaseUnavailable(e)) {
    console.error(`[flowdeck] ${context}: the database is unavailable`, e);
    return jsonError(503, "unavailable", "The database is unavailable or too slow right now; try again shortly.");
  }
  console.error(`[flowdeck] ${context} failed`, e);
  return jsonError(500, "internal", "Something went wrong on the server. Please try again.");
}

/** "limit: Too big: expected number to be <=200" style, one line per issue. */
export function describeZodError(e: z.ZodError): string {
  return e.issues.map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message)).join("; ");
}

/**
 * Writes come from this dashboard's own pages, the CLI or scripts: a browser
 * request from another site (its Origin names another host) is refused.
 */
export function checkSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (!origin) return;
  let host: string | null = null;
  try {
    host = origin === "null" ? null : new URL(origin).host;
  } catch {
    /* not a URL: refused below */
  }
  const own = [request.headers.get("host"), request.headers.get("x-forwarded-host"), new URL(request.url).host];
  if (!host || !own.includes(host)) throw new UserError("forbidden", `Cross-site writes are refused: this request came from ${origin}.`);
}

/**
 * Wraps a route handler so every failure becomes a JSON error response, after
 * checking the URL's text (lib/http/url-text.ts) and that the caller may use the
 * API at all (lib/http/api-access.ts), and refuses writes from other sites.
 * Works for handlers with or without Next's context argument.
 */
export function jsonRoute<Args extends unknown[]>(handler: (...args: Args) => Promise<Response> | Response): (...args: Args) => Promise<Response> {
  return async (...args: Args) => {
    try {
      const request = args[0] instanceof Request ? args[0] : undefined;
      const problem = request ? urlTextProblem(new URL(request.url)) : null;
      if (problem) throw badRequest(problem);
      await requireApiAccess(request ? request.headers : new Headers());
      if (request && request.method !== "GET" && request.method !== "HEAD") checkSameOrigin(request);
      return await handler(...args);
    } catch (e) {
      const request = args[0] instanceof Request ? args[0] : undefined;
      const where = request ? `${request.method} ${new URL(request.url).pathname}` : "request";
      return errorResponse(e, where);
    }
  };
}
