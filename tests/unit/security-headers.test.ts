import { describe, expect, it } from "vitest";
import { applySecurityHeaders, pageCsp, securityHeaders } from "@/lib/http/security-headers";

describe("security headers", () => {
  it("pages: scripts only by nonce, eval only in development, never framed", () => {
    const csp = pageCsp("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(pageCsp("abc123", true)).toMatch(/'unsafe-eval'/);
  });

  it("every answer: no framing, no sniffing, a referrer and permissions policy", () => {
    const h = securityHeaders();
    expect(h).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff" });
    expect(h["referrer-policy"]).toBeTruthy();
    expect(h["permissions-policy"]).toMatch(/camera=\(\)/);
    expect(h["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("applySecurityHeaders sets them on a node:http response", () => {
    const set: Record<string, string> = {};
    applySecurityHeaders({ setHeader: (name: string, value: string) => (set[name] = value) });
    expect(set).toEqual(securityHeaders());
  });
});
