// Who may ask the dashboard API (/api/v1) anything at all, checked by
// jsonRoute before any route runs, so a new route cannot forget it. In proxy
// mode: a valid API key or the proxy's identity header. With
// FLOWDECK_DASHBOARD_KEYS_FOR_READS=1 the same, and in local mode a key.
import { authSettings } from "../config/auth";
import { UserError } from "../errors";
import { bearerOf, proxyUserOf } from "./identity-headers";

/** Throws 401 unless this request may use the dashboard API. */
export async function requireApiAccess(headers: Headers): Promise<void> {
  const { mode, headerName, keysForReads } = authSettings();
  if (mode !== "proxy" && !keysForReads) return;
  const bearer = bearerOf(headers);
  if (bearer) {
    // Loaded only here: most requests of most installations never need the database for this.
    const [{ getDb }, { userOfApiKey }] = await Promise.all([import("../db"), import("../data/api-keys")]);
    if (await userOfApiKey(await getDb(), bearer)) return;
    throw new UserError("unauthorized", "The API key in the Authorization header is not a valid key of this Flowdeck (revoked, or never created here).");
  }
  if (mode === "proxy") {
    if (proxyUserOf(headers, headerName)) return;
    throw new UserError("unauthorized", `Sign in through the proxy: the ${headerName} header is missing or not a user name.`);
  }
  throw new UserError(
    "unauthorized",
    "This Flowdeck's API needs an API key: send Authorization: Bearer <key> (an administrator creates one with npm run keys -- create --user NAME).",
  );
}
