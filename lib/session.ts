import "server-only";
// The person behind the current request (see lib/domain/identity.ts).
import { cookies, headers } from "next/headers";
import { USER_COOKIE } from "./domain/identity";
import { identityOf } from "./request-identity";
import { authSettings } from "./config/auth";

export { authSettings };

export async function currentIdentity() {
  const [h, c] = await Promise.all([headers(), cookies()]);
  return identityOf(h, c.get(USER_COOKIE)?.value);
}

export async function currentUser(): Promise<string> {
  return (await currentIdentity()).user;
}
