// What proxy.ts (at the root, where Next looks for it) does before every page
// and route: security headers on every answer (pages get a fresh CSP nonce,
// which Next puts on its own scripts), and in proxy mode no page without the
// proxy's identity header. The dashboard API checks identity itself
// (lib/http/api-access.ts, in jsonRoute): an API key needs the database.
import { NextResponse, type NextRequest } from "next/server";
import { authSettings } from "../config/auth";
import { proxyUserOf } from "./identity-headers";
import { newNonce, pageCsp, securityHeaders } from "./security-headers";
import { signInRequiredPage } from "./sign-in-page";

const CARD = /^\/api\/v1\/runs\/.+\/cards\/[^/]+$/;

export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  if (path.startsWith("/api/")) {
    const response = NextResponse.next();
    for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
    if (CARD.test(path)) {
      // A card is HTML this dashboard frames (sandboxed): its route sets its own, stricter CSP.
      response.headers.delete("content-security-policy");
      response.headers.set("x-frame-options", "SAMEORIGIN");
    }
    return response;
  }
  const nonce = newNonce();
  const csp = pageCsp(nonce, process.env.NODE_ENV === "development");
  const { mode, headerName } = authSettings();
  if (mode === "proxy" && !proxyUserOf(request.headers, headerName)) {
    return new NextResponse(signInRequiredPage(headerName), {
      status: 401,
      headers: { ...securityHeaders(csp), "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    });
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(securityHeaders(csp))) response.headers.set(name, value);
  return response;
}
