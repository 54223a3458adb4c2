import "server-only";
// The person behind the current request (see lib/domain/identity.ts).
import os from "node:os";
import { cookies, headers } from "next/headers";
import { CLIENT_USER_HEADER, resolveIdentity, USER_COOKIE } from "./domain/identity";
import { getDb } from "./db";
import { userOfApiKey } from "./data/api-keys";
import { UserError } from "./errors";
import { authSettings } from "./config/auth";

export { authSettings };

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
  const bearer = h.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  let keyUser: string | null = null;
  if (bearer) {
    keyUser = await userOfApiKey(await getDb(), bearer);
    if (!keyUser) throw new UserError("unauthorized", "The API key in the Authorization header is not a valid key of this Flowdeck (revoked, or never created here).");
  }
  return resolveIdentity({
    mode,
    keyUser,
    clientUser: h.get(CLIENT_USER_HEADER),
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
