import "server-only";
// Service checks: /ping (the client reads the version header), /version and
// /healthcheck (answers 503 when the database does not).
import { SERVICE_VERSION, json, text } from "../http";
import type { RouteContext } from "../router";

export async function pingHandler() {
  return text("pong");
}

export async function versionHandler() {
  return text(SERVICE_VERSION);
}

export async function healthcheckHandler({ db }: RouteContext) {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return json({ status: "UP" });
  } catch (e) {
    console.error("[flowdeck] healthcheck: the database does not answer", e);
    return json({ status: "DOWN", message: "The database does not answer." }, 503);
  }
}
