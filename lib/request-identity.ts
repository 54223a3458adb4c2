import "server-only";
// The person behind a request, from its headers and its user cookie (see
// lib/domain/identity.ts). No Next imports: the custom server (lib/server)
// uses it outside Next's request scope; lib/session.ts inside it.
import os from "node:os";
import { CLIENT_USER_HEADER, resolveIdentity } from "./domain/identity";
import { getDb } from "./db";
import { userOfApiKey } from "./data/api-keys";
import { UserError } from "./errors";
import { authSettings } from "./config/auth";

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "anonymous";
  }
}

export async function identityOf(h: Pick<Headers, "get">, cookie: string | undefined) {
  const { mode, headerName } = authSettings();
  const bearer = h.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  let keyUser: string | null = null;
  if (bearer) {
    keyUser = await userOfApiKey(await getDb(), bearer);
    if (!keyUser)
      throw new UserError("unauthorized", "The API key in the Authorization header is not a valid key of this Flowdeck (revoked, or never created here).");
  }
  return resolveIdentity({
    mode,
    keyUser,
    clientUser: h.get(CLIENT_USER_HEADER),
    headerName,
    headerValue: h.get(headerName),
    cookie,
    envUser: process.env.FLOWDECK_USER,
    osUser: osUser(),
  });
}
