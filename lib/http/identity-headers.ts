// Reading who a request says it is from its headers. Pure, so proxy.ts can use it.
import { isValidUserName } from "../domain/identity";

export function bearerOf(headers: Headers): string | undefined {
  return headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

/** The proxy's identity header, when it names a user. */
export function proxyUserOf(headers: Headers, headerName: string): string | null {
  const user = headers.get(headerName)?.trim();
  return user && isValidUserName(user) ? user : null;
}
