import "server-only";
// Reading the dashboard API's requests: who acts and from where, and JSON
// bodies checked against the route's zod schema.
import type { z } from "zod";
import { badRequest } from "../errors";
import type { Actor, TagEditSource } from "../domain/tag-edit";
import { describeZodError } from "./json-route";

/** The CLI says so in a header; anything else calling the HTTP API is "api". */
export function actorOf(request: Request, user: string): Actor {
  const source: TagEditSource = request.headers.get("x-flowdeck-client") === "cli" ? "cli" : "api";
  return { user, source };
}

/** The body, parsed by `schema`; with `optional`, no body at all reads as {}. */
export async function jsonBody<T extends z.ZodType>(request: Request, schema: T, optional = false): Promise<z.infer<T>> {
  if (optional && !request.headers.get("content-type") && (request.headers.get("content-length") ?? "0") === "0") {
    const parsed = schema.safeParse({});
    if (!parsed.success) throw badRequest(describeZodError(parsed.error));
    return parsed.data;
  }
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw badRequest("Send the body as JSON (Content-Type: application/json).");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw badRequest("The body is not valid JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badRequest(describeZodError(parsed.error));
  return parsed.data;
}
