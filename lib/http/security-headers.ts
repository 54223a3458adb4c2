// The security headers of every answer: pages (a nonce CSP, set by proxy.ts),
// the dashboard API, and the metadata API (which lib/server/main.ts serves
// itself, before Next sees the request). Pure: no Next or Node imports, so the
// custom server and the proxy share it.

/** A page's CSP nonce: unguessable, and new for every answer. */
export function newNonce(): string {
  return btoa(crypto.randomUUID());
}

/** What pages may load: their own origin, and inline scripts only with this request's nonce. */
export function pageCsp(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts Next's nonced scripts load are trusted too. React
    // needs eval only in development (error stacks); never in production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // style attributes (React's style={…}) cannot carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** JSON and event streams are never rendered as documents: nothing may load, nobody may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const COMMON: Readonly<Record<string, string>> = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  "cross-origin-opener-policy": "same-origin",
};

/** The headers for one answer: a page's CSP when given, else the API's. */
export function securityHeaders(csp: string = API_CSP): Record<string, string> {
  return { ...COMMON, "content-security-policy": csp };
}

/** The API's headers, made once (the metadata API's replies pass them to writeHead). */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze(securityHeaders());

/**
 * For node:http servers (the metadata API in lib/server/main.ts): call before
 * writeHead; headers the handler sets itself win.
 */
export function applySecurityHeaders(res: { setHeader(name: string, value: string): unknown }): void {
  for (const [name, value] of Object.entries(securityHeaders())) res.setHeader(name, value);
}
