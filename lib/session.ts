import "server-only";
// The person behind the current request (see lib/domain/identity.ts): from
// Next's request scope, or from the custom server's (lib/request-scope.ts).
import { cookies, headers } from "next/headers";
import { RequestCookies } from "next/dist/server/web/spec-extension/cookies";
import { USER_COOKIE } from "./domain/identity";
import { identityOf } from "./request-identity";
import { requestHeadersInScope } from "./request-scope";
import { authSettings } from "./config/auth";

export { authSettings };

export async function currentIdentity() {
  const scoped = requestHeadersInScope();
  // Next's own cookie parser, so the cookie reads exactly as cookies() reads it.
  if (scoped) return identityOf(scoped, new RequestCookies(scoped).get(USER_COOKIE)?.value);
  const [h, c] = await Promise.all([headers(), cookies()]);
  return identityOf(h, c.get(USER_COOKIE)?.value);
}

export async function currentUser(): Promise<string> {
  return (await currentIdentity()).user;
}
