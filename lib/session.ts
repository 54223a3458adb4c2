import "server-only";
// The person behind the current request (see lib/domain/identity.ts).
import os from "node:os";
import { cookies, headers } from "next/headers";
import { resolveIdentity, USER_COOKIE, type AuthMode } from "./domain/identity";

export function authSettings() {
  const mode: AuthMode = process.env.FLOWDECK_AUTH_MODE === "proxy" ? "proxy" : "local";
  const headerName = (process.env.FLOWDECK_USER_HEADER ?? "x-forwarded-user").toLowerCase();
  return { mode, headerName };
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "anonymous";
  }
}

export async function currentIdentity() {
  const { mode, headerName } = authSettings();
  const [h, c] = await Promise.all([headers(), cookies()]);
  return resolveIdentity({
    mode,
    headerName,
    headerValue: h.get(headerName),
    cookie: c.get(USER_COOKIE)?.value,
    envUser: process.env.FLOWDECK_USER,
    osUser: osUser(),
  });
}

export async function currentUser(): Promise<string> {
  return (await currentIdentity()).user;
}
