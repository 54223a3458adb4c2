// A small keep-alive HTTP client on node:http for the benchmarks: lighter on
// CPU than fetch (the load generator shares the machine with the servers),
// one socket per client loop, every request timed.
import http from "node:http";

export type Reply = { status: number; body: string; headers: http.IncomingHttpHeaders; ms: number };

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024 });

type Opts = { timeoutMs?: number; headers?: Record<string, string> };

export function request(method: string, url: string, body?: unknown, opts: Opts = {}): Promise<Reply> {
  const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  return send(method, url, payload, opts, true);
}

function send(method: string, url: string, payload: string | undefined, opts: Opts, mayRetry: boolean): Promise<Reply> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(payload !== undefined ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), headers: res.headers, ms: performance.now() - t0 }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(opts.timeoutMs ?? 60_000, () => req.destroy(new Error(`timed out after ${opts.timeoutMs ?? 60_000} ms`)));
    req.on("error", (e: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed just as it was reused (idle past
      // its keep-alive timeout): the request never reached it; send it again
      // on a new socket, as Node's documentation advises (request.reusedSocket).
      if (mayRetry && req.reusedSocket && (e.code === "ECONNRESET" || e.code === "EPIPE")) send(method, url, payload, opts, false).then(resolve, reject);
      else reject(e);
    });
    req.end(payload);
  });
}

export function closeIdleSockets() {
  agent.destroy();
}
