// A small keep-alive HTTP client on node:http for the benchmarks: lighter on
// CPU than fetch (the load generator shares the machine with the servers),
// one socket per client loop, every request timed.
import http from "node:http";

export type Reply = { status: number; body: string; headers: http.IncomingHttpHeaders; ms: number };

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024 });

export function request(method: string, url: string, body?: unknown, opts: { timeoutMs?: number; headers?: Record<string, string> } = {}): Promise<Reply> {
  const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
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
    req.on("error", reject);
    req.end(payload);
  });
}

export function closeIdleSockets() {
  agent.destroy();
}
