// Responses and request bodies of the metadata API, shaped as Metaflow's
// service answers: JSON everywhere (but /ping and /version), the version
// header on every response, 404 `{}` for unknown objects, 400/401/409/413/422
// with {"message"} for a client's mistake, never a stack trace.
import { z } from "zod";
import { isDatabaseUnavailable, isUserError } from "../errors";
import { describeZodError } from "../http/json-route";

export const SERVICE_VERSION = "2.5.1";
export const VERSION_HEADER = "METADATA_SERVICE_VERSION";
const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function bodyLimit(): number {
  const v = Number(process.env.FLOWDECK_MAX_BODY_BYTES);
  return Number.isSafeInteger(v) && v > 0 ? v : DEFAULT_BODY_LIMIT;
}

/** What a route answers, whichever server carries it (node:http or Next's route). */
export type Reply = { status: number; headers: Record<string, string>; body: string };

const withVersion = (extra?: Record<string, string>) => ({ ...extra, [VERSION_HEADER]: SERVICE_VERSION });

export function json(body: unknown, status = 200, extra?: Record<string, string>): Reply {
  return { status, headers: { ...withVersion(extra), "content-type": "application/json" }, body: JSON.stringify(body) };
}

export function text(body: string, status = 200): Reply {
  return { status, headers: { ...withVersion(), "content-type": "text/plain; charset=utf-8" }, body };
}

export const notFoundResponse = () => json({}, 404);
export const message = (status: number, msg: string, extra?: Record<string, string>) => json({ message: msg }, status, extra);

/** A request that cannot be answered: becomes a response with this status and message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function errorToResponse(e: unknown, where: string): Reply {
  if (e instanceof HttpError) return message(e.status, e.message, e.headers);
  if (isUserError(e)) {
    if (e.status === 404) return notFoundResponse();
    if (e.status < 500 || e.code === "unavailable") return message(e.status, e.message);
  }
  if (e instanceof z.ZodError) return message(400, describeZodError(e));
  if (isDatabaseUnavailable(e)) {
    console.error(`[flowdeck] metadata API ${where}: the database is unavailable`, e);
    return message(503, "The database is unavailable or too slow right now; try again shortly.", { "retry-after": "5" });
  }
  console.error(`[flowdeck] metadata API ${where} failed`, e);
  return message(500, "The metadata service failed to answer this request; it has been logged.");
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A request body as it arrives: its declared length, and its chunks up to a
 * limit (null once they pass it; reading stops there).
 */
export type BodySource = { declaredLength: number | null; read: (limit: number) => Promise<Uint8Array[] | null> };

/** Reads the body as text, refusing more than the limit without buffering it all. */
export async function readText(body: BodySource, limit = bodyLimit()): Promise<string> {
  // Connection: close, as the rest of the body is left unread on the socket.
  const tooLarge = () => new HttpError(413, `The request body is larger than the limit of ${limit} bytes.`, { connection: "close" });
  if (body.declaredLength !== null && body.declaredLength > limit) throw tooLarge();
  const chunks = await body.read(limit);
  if (!chunks) throw tooLarge();
  try {
    return utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, "The request body is not valid UTF-8.");
  }
}

/** Chunks of a stream until it ends, or null once they pass `limit` bytes (the rest is left unread). */
export async function chunksUpTo(chunks: AsyncIterable<Uint8Array>, limit: number): Promise<Uint8Array[] | null> {
  const got: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > limit) return null;
    got.push(chunk);
  }
  return got;
}

/** Reads and validates a JSON body. An empty body reads as `empty`. */
export async function readJson<S extends z.ZodType>(body: BodySource, schema: S, empty?: unknown): Promise<z.output<S>> {
  const raw = await readText(body);
  let value: unknown;
  if (!raw.trim() && empty !== undefined) {
    value = empty;
  } else {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new HttpError(400, "The request body is not valid JSON.");
    }
  }
  checkText(value);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, describeZodError(parsed.error));
  return parsed.data;
}

/** A JSON body nested deeper than this is not one Metaflow sends. */
const MAX_DEPTH = 64;

/**
 * Refuses text a database could not store, on both databases alike: NUL
 * (PostgreSQL cannot store it) and lone UTF-16 surrogates (not Unicode; they
 * cannot be encoded as UTF-8). Iterative, so that no nesting overflows the stack.
 */
export function checkText(value: unknown): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === "string") checkString(v, "Text in the body");
    else if (v && typeof v === "object") {
      if (depth >= MAX_DEPTH) throw new HttpError(400, `The body is nested more than ${MAX_DEPTH} levels deep.`);
      for (const [k, child] of Object.entries(v)) {
        checkString(k, "Names in the body");
        stack.push([child, depth + 1]);
      }
    }
  }
}

/**
 * NUL (PostgreSQL cannot store it) and lone surrogates, refused up front on both
 * databases alike. `nulMessage`: the path and the query have their own sentence.
 */
export function checkString(s: string, what: string, nulMessage = `${what} must not contain NUL characters (\\u0000).`): void {
  if (s.includes("\u0000")) throw new HttpError(400, nulMessage);
  if (!s.isWellFormed()) throw new HttpError(400, `${what} must be valid Unicode: it holds a lone surrogate (such as \\ud800).`);
}
