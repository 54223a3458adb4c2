// Who is acting. Local mode: FLOWDECK_USER or the OS user, switchable in the
// UI (a cookie). Proxy mode: the authenticating proxy's header, and nothing
// else, so nobody can claim another name.
import { UserError } from "../errors";

export type AuthMode = "local" | "proxy";
export const USER_COOKIE = "flowdeck-user";
const NAME = /^[A-Za-z0-9._@+-]{1,100}$/;

export function isValidUserName(name: string): boolean {
  return NAME.test(name);
}

export function resolveIdentity(input: {
  mode: AuthMode;
  headerValue?: string | null;
  headerName: string;
  cookie?: string | null;
  envUser?: string;
  osUser: string;
}): { user: string; canSwitch: boolean } {
  if (input.mode === "proxy") {
    const user = input.headerValue?.trim();
    if (!user || !isValidUserName(user)) {
      throw new UserError("unauthorized", `Sign in through the proxy: the ${input.headerName} header is missing or not a user name.`);
    }
    return { user, canSwitch: false };
  }
  const fromCookie = input.cookie?.trim();
  if (fromCookie && isValidUserName(fromCookie)) return { user: fromCookie, canSwitch: true };
  const fallback = (input.envUser?.trim() || input.osUser || "anonymous").replace(/[^A-Za-z0-9._@+-]/g, "_");
  return { user: fallback, canSwitch: true };
}

/** The namespace in effect: the URL wins, then the remembered choice, then the person's own. */
export function namespaceInEffect(urlValue: string | null | undefined, remembered: string | null | undefined, user: string): string {
  const fromUrl = urlValue?.trim();
  if (fromUrl) return fromUrl;
  return remembered?.trim() || `user:${user}`;
}
