// Optional API keys for the metadata API. FLOWDECK_API_KEYS (comma-separated)
// turns them on: writes then need a valid `x-api-key` header (what Metaflow
// sends when METAFLOW_SERVICE_AUTH_KEY is set). FLOWDECK_API_KEYS_FOR_READS=1
// asks for a key on reads too. /ping, /version and /healthcheck stay open.
import { createHash, timingSafeEqual } from "node:crypto";
import { HttpError } from "./http";

export type ApiKeySettings = { keys: Buffer[]; forReads: boolean };

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

export function apiKeySettings(env: Record<string, string | undefined> = process.env): ApiKeySettings {
  const keys = (env.FLOWDECK_API_KEYS ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean)
    .map(digest);
  return { keys, forReads: env.FLOWDECK_API_KEYS_FOR_READS === "1" };
}

function isValid(presented: string, keys: Buffer[]): boolean {
  const d = digest(presented);
  let ok = false;
  for (const k of keys) ok = timingSafeEqual(d, k) || ok;
  return ok;
}

// Read once: the settings come from the environment the server started with.
let fromEnv: ApiKeySettings | undefined;

/** Throws a 401 when this request needs a key and lacks a valid one. */
export function checkApiKey(header: (name: string) => string | null, isWrite: boolean, settings = (fromEnv ??= apiKeySettings())): void {
  if (!settings.keys.length || (!isWrite && !settings.forReads)) return;
  const presented = header("x-api-key");
  const what = isWrite ? "Recording to this Flowdeck" : "Reading from this Flowdeck";
  if (!presented) {
    throw new HttpError(401, `${what} needs an API key: set METAFLOW_SERVICE_AUTH_KEY to a key from FLOWDECK_API_KEYS (it is sent as the x-api-key header).`);
  }
  if (!isValid(presented, settings.keys)) {
    throw new HttpError(401, `The API key in x-api-key is not one of this Flowdeck's keys (FLOWDECK_API_KEYS).`);
  }
}
