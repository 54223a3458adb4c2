// Who is acting. An API key (the CLI's, a script's) names its person in any
// mode. Local mode: the CLI's X-Flowdeck-User header, else the UI's choice
// (a cookie), else FLOWDECK_USER or the OS user. Proxy mode: the
// authenticating proxy's header, and nothing else, so nobody can claim
// another name.
import { UserError } from "../errors";

export type AuthMode = "local" | "proxy";
export const USER_COOKIE = "flowdeck-user";
const NAME = /^[A-Za-z0-9._@+-]{1,100}$/;

export function isValidUserName(name: string): boolean {
  return NAME.test(name);
}

export const CLIENT_USER_HEADER = "x-flowdeck-user";

/**
 * Who acts, and how Flowdeck knows: an API key, the proxy, the CLI's header,
 * the person's own choice (cookie), FLOWDECK_USER, or only a guess from the
 * OS user of the server (then the first page asks).
 */
export type Identity = { user: string; canSwitch: boolean; source: "key" | "proxy" | "client" | "cookie" | "env" | "os" };

/** Metaflow refuses to record runs as root (MetaflowUnknownUser), so user:root is always empty. */
export const isRootUser = (user: string) => user === "root";

export function resolveIdentity(input: {
  mode: AuthMode;
  /** The person a valid API key is bound to. */
  keyUser?: string | null;
  /** X-Flowdeck-User, as the CLI sends it in local mode. */
  clientUser?: string | null;
  headerValue?: string | null;
  headerName: string;
  cookie?: string | null;
  envUser?: string;
  osUser: string;
}): Identity {
  if (input.keyUser) return { user: input.keyUser, canSwitch: false, source: "key" };
  if (input.mode === "proxy") {
    const user = input.headerValue?.trim();
    if (!user || !isValidUserName(user)) {
      throw new UserError("unauthorized", `Sign in through the proxy: the ${input.headerName} header is missing or not a user name.`);
    }
    return { user, canSwitch: false, source: "proxy" };
  }
  const fromClient = input.clientUser?.trim();
  if (fromClient && isValidUserName(fromClient)) return { user: fromClient, canSwitch: true, source: "client" };
  const fromCookie = input.cookie?.trim();
  if (fromCookie && isValidUserName(fromCookie)) return { user: fromCookie, canSwitch: true, source: "cookie" };
  const env = input.envUser?.trim();
  if (env) return { user: env.replace(/[^A-Za-z0-9._@+-]/g, "_"), canSwitch: true, source: "env" };
  return { user: (input.osUser || "anonymous").replace(/[^A-Za-z0-9._@+-]/g, "_"), canSwitch: true, source: "os" };
}

/** The namespace in effect: the URL wins, then the remembered choice, then the person's own. */
export function namespaceInEffect(urlValue: string | null | undefined, remembered: string | null | undefined, user: string): string {
  const fromUrl = urlValue?.trim();
  if (fromUrl) return fromUrl;
  return remembered?.trim() || `user:${user}`;
}
