import { afterEach, describe, expect, it } from "vitest";
import { StreamLimiter, streamClientOf } from "@/lib/live/stream-limits";

describe("StreamLimiter", () => {
  it("refuses a client's stream beyond its share (429) and any beyond the instance's (503)", () => {
    const limiter = new StreamLimiter(3, 2);
    const a1 = limiter.admit("a");
    const a2 = limiter.admit("a");
    expect(a1.ok && a2.ok).toBe(true);
    const a3 = limiter.admit("a");
    expect(a3).toMatchObject({ ok: false, status: 429, code: "too_many_requests" });
    expect(limiter.admit("b").ok).toBe(true);
    expect(limiter.admit("c")).toMatchObject({ ok: false, status: 503, code: "unavailable" });
    expect(limiter.open).toBe(3);
  });

  it("gives a slot back once per stream, however often it is released", () => {
    const limiter = new StreamLimiter(2, 2);
    const a = limiter.admit("a");
    if (!a.ok) throw new Error("refused");
    a.release();
    a.release();
    expect(limiter.open).toBe(0);
    expect(limiter.admit("a").ok && limiter.admit("a").ok).toBe(true);
    expect(limiter.admit("a").ok).toBe(false);
  });
});

describe("streamClientOf", () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env = { ...env };
  });

  it("is the person in proxy mode, else the key, else the nearest address", () => {
    process.env.FLOWDECK_AUTH_MODE = "proxy";
    expect(streamClientOf(new Headers({ "x-forwarded-user": "anne", "x-forwarded-for": "1.1.1.1" }))).toBe("user:anne");
    delete process.env.FLOWDECK_AUTH_MODE;
    // Local mode: the header is anyone's to send, so it does not name the client.
    expect(streamClientOf(new Headers({ "x-forwarded-user": "anne", "x-forwarded-for": "9.9.9.9, 10.0.0.7" }))).toBe("addr:10.0.0.7");
    expect(streamClientOf(new Headers({ authorization: "Bearer fdk_abc" }))).toBe("key:fdk_abc");
    expect(streamClientOf(new Headers())).toBe("addr:unknown");
  });
});
