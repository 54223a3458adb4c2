// On the real server, both databases: in proxy mode no /api/v1 route, event
// stream or page answers without the proxy's identity header;
// FLOWDECK_DASHBOARD_KEYS_FOR_READS=1 makes /api/v1 reads need a key; every
// answer carries the security headers (pages a nonce CSP without
// 'unsafe-eval'); event streams are capped per client and per instance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { APP_START_TIMEOUT, startApp, type AppServer } from "../setup/metadata-servers";
import { openApiDocument } from "@/lib/openapi/document";
import { createApiKey } from "@/lib/data/api-keys";

const doc = openApiDocument();
/** Every documented GET of the dashboard API, with its path parameters filled in. */
const dashboardGets = Object.entries(doc.paths)
  .filter(([p, item]) => p.startsWith("/api/v1/") && "get" in (item as object))
  .map(([p]) => p.replace(/\{(\w+)\}/g, (_m, name: string) => (name === "run" ? "1" : name === "task" ? "1" : `X${name}`)));
const PAGES = ["/", "/flows", "/production", "/audit", "/namespaces", "/views"];
const USER = "x-forwarded-user";

function openStream(app: AppServer, headers: Record<string, string>) {
  const abort = new AbortController();
  const response = fetch(`${app.url}/api/v1/events?namespace=global`, { headers, signal: abort.signal });
  return { response, close: () => abort.abort() };
}

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
  }
}

forEachDatabase("HTTP hardening", (t) => {
  describe("proxy mode", () => {
    let app: AppServer;
    beforeAll(async () => {
      app = await startApp({
        databaseUrl: t.url,
        env: { FLOWDECK_AUTH_MODE: "proxy", FLOWDECK_EVENTS_MAX_STREAMS: "3", FLOWDECK_EVENTS_MAX_PER_CLIENT: "2" },
      });
    }, APP_START_TIMEOUT);
    afterAll(() => app?.stop());

    it("refuses every documented /api/v1 read without the identity header, and answers with it", async () => {
      expect(dashboardGets.length).toBeGreaterThan(10);
      for (const p of dashboardGets) {
        const res = await fetch(`${app.url}${p}`);
        expect(res.status, p).toBe(401);
        const body = await res.json();
        expect(body.error.message, p).toMatch(/Sign in through the proxy: the x-forwarded-user header is missing/);
      }
      for (const p of ["/api/v1/namespaces", "/api/v1/tags", "/api/v1/whoami", "/api/v1/runs"]) {
        const res = await fetch(`${app.url}${p}`, { headers: { [USER]: "anne" } });
        expect(res.status, p).toBe(200);
      }
    });

    it("refuses writes without the header and a forged API key with it", async () => {
      const res = await fetch(`${app.url}/api/v1/tag-edits`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect(res.status).toBe(401);
      const forged = await fetch(`${app.url}/api/v1/namespaces`, { headers: { authorization: "Bearer fdk_forged" } });
      expect(forged.status).toBe(401);
      expect((await forged.json()).error.message).toMatch(/not a valid key/);
    });

    it("shows a sign-in page instead of any page without the header", async () => {
      for (const p of PAGES) {
        const res = await fetch(`${app.url}${p}`);
        expect(res.status, p).toBe(401);
        expect(await res.text(), p).toMatch(/Sign-in required/);
      }
      const signedIn = await fetch(`${app.url}/flows`, { headers: { [USER]: "anne" } });
      expect(signedIn.status).toBe(200);
    });

    it("caps event streams per person and per instance, with Retry-After, and frees a slot when one closes", async () => {
      const anne1 = openStream(app, { [USER]: "anne" });
      const anne2 = openStream(app, { [USER]: "anne" });
      expect((await anne1.response).status).toBe(200);
      expect((await anne2.response).status).toBe(200);
      const anne3 = await openStream(app, { [USER]: "anne" }).response;
      expect(anne3.status).toBe(429);
      expect(anne3.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await anne3.json()).error.message).toMatch(/live-update streams open, the limit per person/);

      const will = openStream(app, { [USER]: "will" });
      expect((await will.response).status).toBe(200);
      const bob = await openStream(app, { [USER]: "bob" }).response;
      expect(bob.status).toBe(503);
      expect(bob.headers.get("retry-after")).toMatch(/^\d+$/);

      anne1.close();
      const again = await waitUntil("a freed stream slot", async () => {
        const s = openStream(app, { [USER]: "anne" });
        const res = await s.response;
        if (res.status === 200) return s;
        await res.body?.cancel();
        return undefined;
      });
      for (const s of [anne2, will, again]) s.close();
    });
  });

  describe("FLOWDECK_DASHBOARD_KEYS_FOR_READS=1 in local mode", () => {
    let app: AppServer;
    let key: string;
    beforeAll(async () => {
      key = (await createApiKey(t.db, "anne")).key;
      app = await startApp({ databaseUrl: t.url, env: { FLOWDECK_DASHBOARD_KEYS_FOR_READS: "1" } });
    }, APP_START_TIMEOUT);
    afterAll(() => app?.stop());

    it("needs a valid API key for reads", async () => {
      const none = await fetch(`${app.url}/api/v1/namespaces`);
      expect(none.status).toBe(401);
      expect((await none.json()).error.message).toMatch(/needs an API key: send Authorization: Bearer/);
      const bad = await fetch(`${app.url}/api/v1/tags`, { headers: { authorization: "Bearer fdk_nope" } });
      expect(bad.status).toBe(401);
      const ok = await fetch(`${app.url}/api/v1/namespaces`, { headers: { authorization: `Bearer ${key}` } });
      expect(ok.status).toBe(200);
    });
  });

  describe("security headers", () => {
    let app: AppServer;
    beforeAll(async () => {
      app = await startApp({ databaseUrl: t.url });
    }, APP_START_TIMEOUT);
    afterAll(() => app?.stop());

    const common = (h: Headers) => {
      expect(h.get("x-frame-options")).toBe("DENY");
      expect(h.get("x-content-type-options")).toBe("nosniff");
      expect(h.get("referrer-policy")).toBeTruthy();
      expect(h.get("permissions-policy")).toMatch(/camera=\(\)/);
      expect(h.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    };

    it("pages: a fresh nonce CSP without unsafe-eval, the nonce on every script", async () => {
      const [a, b] = await Promise.all([fetch(`${app.url}/production`), fetch(`${app.url}/production`)]);
      common(a.headers);
      const csp = a.headers.get("content-security-policy")!;
      expect(csp).not.toMatch(/unsafe-eval/);
      const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
      expect(nonce).toBeTruthy();
      expect(b.headers.get("content-security-policy")).not.toContain(nonce);
      const html = await a.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
      await b.body?.cancel();
    });

    it("the dashboard API and the OpenAPI document", async () => {
      for (const p of ["/api/v1/whoami", "/api/v1/namespaces", "/api/openapi.json", "/api/v1/runs", "/api/v1/runs?limit=0"]) {
        const res = await fetch(`${app.url}${p}`);
        common(res.headers);
        await res.body?.cancel();
      }
    });
  });
});
