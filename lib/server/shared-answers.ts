// Identical dashboard GETs answered by one rendering. Twenty people watching
// the same runs list ask for the same page and the same JSON at once; each
// page costs 20–30 ms of one Node thread, so each rendered alone they queue
// behind one another. Here a request that arrives while the same request
// (method, URL and every header but the connection's) is being answered waits
// for the next answer to start, and shares it with everyone else who arrived
// meanwhile: never an answer that started before it arrived, so what anyone
// sees is never older than their request, on any number of instances.
//
// The first request of each batch is answered as usual (streamed); the
// others get a copy once it ends, with a fresh CSP nonce each (a nonce must
// differ on every answer) and the body recompressed when it was. An answer
// that sets a cookie, ends early, or outgrows MAX_SHARED_BYTES is shared with
// nobody: the others are then answered one by one. The price: a request that
// arrives just after the same one started waits for that answer to end before
// its own starts (at most one answer per key is being made at a time).
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import { newNonce } from "../http/security-headers";

const MAX_SHARED_BYTES = 4 * 1024 * 1024;
/** Headers of the connection, not of the request: they do not change what the answer is. */
const CONNECTION_HEADERS = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"]);
const NONCE = /'nonce-([^']+)'/;

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;
type Waiting = { req: IncomingMessage; res: ServerResponse };
type Answer = { status: number; headers: Record<string, string | string[] | number | undefined>; body: Buffer };
/** One answer being made; `queued` arrived after it started, and will share the next. */
type Batch = { queued: Waiting[] };

export function sharedAnswerKey(req: IncomingMessage): string {
  let key = `${req.method} ${req.url}`;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (!CONNECTION_HEADERS.has(name)) key += `\n${name}: ${raw[i + 1]}`;
  }
  return key;
}

/** Wraps `handle` so that identical requests in flight share one answer. */
export function sharingAnswers(handle: Handler): Handler {
  const inFlight = new Map<string, Batch>();

  const start = (key: string, first: Waiting, sharing: Waiting[]) => {
    const batch: Batch = { queued: [] };
    inFlight.set(key, batch);
    // Only those already waiting can have this answer: with nobody waiting, nothing is copied.
    const answered = sharing.length ? captured(first.res) : new Promise<null>((resolve) => first.res.once("close", () => resolve(null)));
    void answered.then((answer) => {
      const sendCopy = answer && copier(answer);
      for (const w of sharing) {
        if (sendCopy) sendCopy(w.res);
        else void handle(w.req, w.res);
      }
      const [next, ...rest] = batch.queued;
      if (next) start(key, next, rest);
      else inFlight.delete(key);
    });
    void handle(first.req, first.res);
  };

  return (req, res) => {
    // A body is not part of the key: a request with one is answered alone.
    if (req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0) return handle(req, res);
    const key = sharedAnswerKey(req);
    const batch = inFlight.get(key);
    if (batch) batch.queued.push({ req, res });
    else start(key, { req, res }, []);
  };
}

/** Resolves with a copy of what `res` sends, once it has all been given to it; null if it cannot be shared. */
function captured(res: ServerResponse): Promise<Answer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let shareable = true;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (!shareable || chunk == null || typeof chunk === "function") return;
      const buf =
        typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
      size += buf.length;
      if (size > MAX_SHARED_BYTES) shareable = false;
      else chunks.push(buf);
    };
    const write = res.write;
    const end = res.end;
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof res.write;
    res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      res.write = write;
      res.end = end;
      const headers = res.getHeaders();
      const ok = shareable && !res.destroyed && headers["set-cookie"] === undefined && (codingOf(headers) in DECODE || codingOf(headers) === "identity");
      resolve(ok ? { status: res.statusCode, headers, body: Buffer.concat(chunks) } : null);
      return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    } as typeof res.end;
    // Ended before its answer was whole (the client left, the handler failed): nothing to share.
    res.once("close", () => resolve(null));
  });
}

// Next compresses with gzip or deflate; an answer coded otherwise is not shared.
const DECODE: Record<string, (b: Buffer) => Buffer> = { gzip: zlib.gunzipSync, deflate: zlib.inflateSync };
const ENCODE: Record<string, (b: Buffer) => Buffer> = {
  gzip: (b) => zlib.gzipSync(b, { level: 4 }),
  deflate: (b) => zlib.deflateSync(b, { level: 4 }),
};

function codingOf(headers: Answer["headers"]): string {
  const coding = headers["content-encoding"];
  return typeof coding === "string" && coding !== "" ? coding.toLowerCase() : "identity";
}

/** Sends copies of `answer`, each with a nonce of its own; a coded body is decoded once for all of them. */
function copier(answer: Answer): (res: ServerResponse) => void {
  const csp = answer.headers["content-security-policy"];
  const nonce = typeof csp === "string" ? NONCE.exec(csp)?.[1] : undefined;
  const encoding = codingOf(answer.headers);
  const coded = encoding !== "identity";
  const text = nonce ? (coded ? DECODE[encoding](answer.body) : answer.body).toString("latin1") : "";
  return (res) => {
    if (res.destroyed) return;
    const headers = { ...answer.headers };
    let body = answer.body;
    if (nonce) {
      const fresh = newNonce();
      headers["content-security-policy"] = (csp as string).replace(nonce, fresh);
      body = Buffer.from(text.replaceAll(nonce, fresh), "latin1");
      if (coded) body = ENCODE[encoding](body);
    }
    delete headers["transfer-encoding"];
    headers["content-length"] = body.length;
    res.writeHead(answer.status, headers as Record<string, string | string[] | number>);
    res.end(body);
  };
}
