// For tests that talk HTTP to the running app: startApp (lib/app-server.ts)
// and a thin client for the metadata API.
export { ensureBuild, freePort, startApp, type AppServer } from "@/lib/app-server";

/** Hooks that start the app may first build it (about two minutes, more on a busy machine). */
export const APP_START_TIMEOUT = 15 * 60_000;

export type ApiResponse = { status: number; headers: Headers; body: any; text: string };

/** A thin HTTP client for the metadata API of a started app. */
export function metadataClient(app: { url: string }, defaults: Record<string, string> = {}) {
  const base = `${app.url}/api/metadata`;
  async function call(method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const raw = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const json: Record<string, string> = raw === undefined ? {} : { "content-type": "application/json" };
    const res = await fetch(`${base}${p}`, { method, body: raw, headers: { ...json, ...defaults, ...headers } });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* text answers: /ping, /version */
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }
  return {
    call,
    get: (p: string, headers?: Record<string, string>) => call("GET", p, undefined, headers),
    post: (p: string, body: unknown = {}, headers?: Record<string, string>) => call("POST", p, body, headers),
    patch: (p: string, body: unknown, headers?: Record<string, string>) => call("PATCH", p, body, headers),
  };
}
export type MetadataClient = ReturnType<typeof metadataClient>;

/** System tags as Metaflow's client sends them. */
export const systemTags = (user: string, version = "2.19.38") => [`user:${user}`, "runtime:dev", "python_version:3.11.7", `metaflow_version:${version}`];
