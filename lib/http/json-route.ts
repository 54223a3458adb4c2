// One way for JSON route handlers to answer errors: a person's mistake gets
// its status and a message they can act on; a bug gets logged and a generic 500.
import { z } from "zod";
import { isUserError } from "../errors";
import { requireApiAccess } from "./api-access";

export type JsonErrorBody = {
  error: { code: string; message: string; [detail: string]: unknown };
};

export function jsonError(
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): Response {
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
  console.error(`[flowdeck] ${context} failed`, e);
  return jsonError(500, "internal", "Something went wrong on the server. Please try again.");
}

/** "limit: Too big: expected number to be <=200" style, one line per issue. */
export function describeZodError(e: z.ZodError): string {
  return e.issues
    .map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message))
    .join("; ");
}

/**
 * Wraps a route handler so every failure becomes a JSON error response, after
 * checking that the caller may use the API at all (lib/http/api-access.ts).
 * Works for handlers with or without Next's context argument.
 */
export function jsonRoute<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response> | Response,
): (...args: Args) => Promise<Response> {
  return async (...args: Args) => {
    try {
      await requireApiAccess(args[0] instanceof Request ? args[0].headers : new Headers());
      return await handler(...args);
    } catch (e) {
      const request = args[0] instanceof Request ? args[0] : undefined;
      const where = request ? `${request.method} ${new URL(request.url).pathname}` : "request";
      return errorResponse(e, where);
    }
  };
}
