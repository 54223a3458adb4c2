// How many event streams (/api/v1/events) one app instance keeps open: each
// holds a connection, a listener and a timer for as long as the page is open,
// so without a bound a careless or hostile client can pile them up.
// FLOWDECK_EVENTS_MAX_STREAMS per instance, FLOWDECK_EVENTS_MAX_PER_CLIENT per
// person (when known) or client address.
import { UserError } from "../errors";
import { authSettings } from "../config/auth";
import { bearerOf, proxyUserOf } from "../http/identity-headers";

export const DEFAULT_MAX_STREAMS = 200;
export const DEFAULT_MAX_PER_CLIENT = 10;
/** Seconds a refused browser is told to wait; its EventSource retries with backoff anyway. */
export const RETRY_AFTER_S = 30;

export type Admission = { ok: true; release: () => void } | { ok: false; status: 429 | 503; code: "too_many_requests" | "unavailable"; message: string };

export class StreamLimiter {
  private total = 0;
  private byClient = new Map<string, number>();

  constructor(
    readonly maxStreams: number,
    readonly maxPerClient: number,
  ) {}

  /** Counts one more stream of `client`, or says why not; `release` gives it back (once). */
  admit(client: string): Admission {
    if (this.total >= this.maxStreams) {
      const message = `This Flowdeck has ${this.maxStreams} live-update streams open, its limit; live updates resume when some close.`;
      return { ok: false, status: 503, code: "unavailable", message };
    }
    const mine = this.byClient.get(client) ?? 0;
    if (mine >= this.maxPerClient) {
      const message = `You have ${this.maxPerClient} live-update streams open, the limit per person or address; close some Flowdeck tabs.`;
      return { ok: false, status: 429, code: "too_many_requests", message };
    }
    this.total++;
    this.byClient.set(client, mine + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.byClient.get(client) ?? 1) - 1;
      if (left > 0) this.byClient.set(client, left);
      else this.byClient.delete(client);
    };
    return { ok: true, release };
  }

  get open(): number {
    return this.total;
  }
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UserError("config", `${name} must be a whole number of at least 1, not "${raw}".`);
  return n;
}

const g = globalThis as unknown as { __flowdeckStreamLimiter?: StreamLimiter };

/** The instance's limiter, with the limits of the environment. */
export function streamLimiter(): StreamLimiter {
  return (g.__flowdeckStreamLimiter ??= new StreamLimiter(
    positiveInt("FLOWDECK_EVENTS_MAX_STREAMS", DEFAULT_MAX_STREAMS),
    positiveInt("FLOWDECK_EVENTS_MAX_PER_CLIENT", DEFAULT_MAX_PER_CLIENT),
  ));
}

/**
 * Whose stream this is: the person when the proxy or an API key says so
 * (jsonRoute has checked both), else the client address. X-Forwarded-For is
 * set by Next from the socket, or appended to by a reverse proxy (its last
 * entry is then the address the proxy saw); a client can forge it, which the
 * per-instance bound still holds against.
 */
export function streamClientOf(headers: Headers): string {
  const { mode, headerName } = authSettings();
  const proxyUser = mode === "proxy" ? proxyUserOf(headers, headerName) : null;
  if (proxyUser) return `user:${proxyUser}`;
  const bearer = bearerOf(headers);
  if (bearer) return `key:${bearer.slice(0, 64)}`;
  const hops = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  return `addr:${hops?.at(-1) ?? "unknown"}`;
}
