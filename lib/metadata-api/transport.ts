import "server-only";
// The metadata API's requests and replies on both servers it runs under:
// node:http (the custom server, lib/server) and Web Request/Response (the
// Next route, used by `next dev`).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { MetadataRequest } from "./router";
import { chunksUpTo, type Reply } from "./http";

function splitUrl(raw: string): { path: string; query: URLSearchParams } {
  const q = raw.indexOf("?");
  return q < 0 ? { path: raw, query: new URLSearchParams() } : { path: raw.slice(0, q), query: new URLSearchParams(raw.slice(q + 1)) };
}

const lengthOf = (value: string | null | undefined) => {
  const n = Number(value);
  return value && Number.isFinite(n) ? n : null;
};

/** A signal that aborts when `res` closes before its answer is finished: the client has gone. */
export function abortedWhenClientLeaves(res: ServerResponse): AbortSignal {
  if (res.destroyed && !res.writableFinished) return AbortSignal.abort();
  const gone = new AbortController();
  res.once("close", () => res.writableFinished || gone.abort());
  return gone.signal;
}

/**
 * A node:http request as the router reads it. The raw request target is used as
 * sent, so that no dot segment is resolved before the router sees it. A class:
 * its `signal` getter lives on the prototype, where an object literal's getter
 * would be defined anew, slowly, for every request.
 */
class NodeMetadataRequest implements MetadataRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: MetadataRequest["body"];
  readonly header: MetadataRequest["header"];
  private clientLeft: AbortSignal | undefined;

  constructor(
    req: IncomingMessage,
    private readonly res?: ServerResponse,
  ) {
    const { path, query } = splitUrl(req.url ?? "/");
    this.method = req.method ?? "GET";
    this.path = path;
    this.query = query;
    this.header = (name) => {
      const v = req.headers[name];
      return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
    };
    this.body = { declaredLength: lengthOf(req.headers["content-length"]), read: (limit) => readNodeBody(req, limit) };
  }

  // Made when first read: only the long reads watch it, and a controller with its close listener on
  // every write is measurable CPU on the ingest path.
  get signal(): AbortSignal | undefined {
    return (this.clientLeft ??= this.res && abortedWhenClientLeaves(this.res));
  }
}

/** `res`: its closing before the answer is finished aborts the request's signal. */
export function fromNode(req: IncomingMessage, res?: ServerResponse): MetadataRequest {
  return new NodeMetadataRequest(req, res);
}

/**
 * The body's chunks, or null once they pass `limit`: then reading stops and the
 * request is not destroyed, so the 413 still reaches the client (toNode drains
 * the rest). Listeners rather than the stream's async iterator: this is on every
 * write's path, and the iterator's promises and stream bookkeeping cost more
 * than the rest of reading a small body.
 */
function readNodeBody(req: IncomingMessage, limit: number): Promise<Uint8Array[] | null> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limit) return void chunks.push(chunk);
      done();
      req.pause();
      resolve(null);
    };
    const onEnd = () => {
      done();
      resolve(chunks);
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    // Closed before its end: the client left mid-body (no 'end' or 'error' follows).
    const onClose = () => onError(new Error("The client closed the connection before the request body ended."));
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/** Writes the reply; `base`: headers every reply carries (those of the reply win). */
export function toNode(reply: Reply, req: IncomingMessage, res: ServerResponse, base?: Readonly<Record<string, string>>): void {
  if (!req.complete) {
    // A body left unread (over the limit) is read to its end and dropped, so
    // the client, still sending, gets to read the answer; closing the
    // connection instead would break its upload before it could. The server's
    // request timeout bounds a body that never ends.
    delete reply.headers.connection;
    req.resume();
  }
  // All headers in writeHead: setHeader for each would validate and store each one twice over.
  res.writeHead(reply.status, { ...base, ...reply.headers, "content-length": Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

export function fromWeb(request: Request): MetadataRequest {
  const url = new URL(request.url);
  return {
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    signal: request.signal,
    header: (name) => request.headers.get(name),
    body: {
      declaredLength: lengthOf(request.headers.get("content-length")),
      read: (limit) => chunksUpTo(webChunks(request.body), limit),
    },
  };
}

async function* webChunks(body: ReadableStream<Uint8Array> | null): AsyncIterable<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => {}); // a body left unread (over the limit) is dropped
  }
}

export function toWeb(reply: Reply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
