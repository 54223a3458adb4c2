// How Flowdeck knows who is asking, from the environment. Pure, so proxy.ts
// (which runs before any page or route) can read it too.
import type { AuthMode } from "../domain/identity";

export function authSettings() {
  const mode: AuthMode = process.env.FLOWDECK_AUTH_MODE === "proxy" ? "proxy" : "local";
  const headerName = (process.env.FLOWDECK_USER_HEADER ?? "x-forwarded-user").toLowerCase();
  /** FLOWDECK_DASHBOARD_KEYS_FOR_READS=1: every /api/v1 request needs an API key (or, in proxy mode, the proxy's header). */
  const keysForReads = process.env.FLOWDECK_DASHBOARD_KEYS_FOR_READS === "1";
  return { mode, headerName, keysForReads };
}
