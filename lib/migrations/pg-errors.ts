// Turns a pg connection failure into one sentence that says what to fix.
import { UserError } from "../errors";

export function describePgError(e: unknown, url: string): UserError {
  const err = e as { code?: string; message?: string };
  let where = "the PostgreSQL server in DATABASE_URL";
  try {
    const u = new URL(url);
    where = `PostgreSQL at ${u.hostname}:${u.port || 5432}`;
  } catch {
    /* keep the generic wording */
  }
  const msg = (() => {
    switch (err.code) {
      case "ECONNREFUSED":
        return `Cannot reach ${where} (connection refused): start PostgreSQL or fix the host and port in DATABASE_URL.`;
      case "ENOTFOUND":
      case "EAI_AGAIN":
        return `Cannot reach ${where}: the host name does not resolve; fix DATABASE_URL.`;
      case "ETIMEDOUT":
        return `Cannot reach ${where}: the connection timed out; check the host, port and firewall.`;
      case "28P01":
      case "28000":
        return `${where} refused the user name or password in DATABASE_URL.`;
      case "3D000":
        return `The database named in DATABASE_URL does not exist on ${where}: create it (createdb) or fix the name.`;
      default:
        return `Cannot connect to ${where}: ${err.message ?? String(e)}.`;
    }
  })();
  return new UserError("config", msg);
}
