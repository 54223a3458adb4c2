// Property-based fuzzing of the dashboard API (fast-check): every operation of
// the OpenAPI document's /api/v1 paths, with hostile path segments, documented
// and undocumented query parameters holding NUL, lone surrogates, broken
// %-encoding, huge numbers and long lists, and bodies for the write routes
// sent from the app's own origin. Every answer is below 500, no error leaks
// SQL, stack traces or driver names, and no table changes unless a write was
// acknowledged (2xx). Real HTTP, both databases.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachDatabase, type DatabaseContext } from "../setup/databases";
import { APP_START_TIMEOUT, metadataClient, startApp, systemTags, type AppServer } from "../setup/metadata-servers";
import { openApiDocument } from "@/lib/openapi/document";

const REQUESTS = Number(process.env.FLOWDECK_FUZZ_REQUESTS ?? 1000);
/** 10 minutes, or 100 ms a request for the longer runs FLOWDECK_FUZZ_REQUESTS asks for. */
const FUZZ_TIMEOUT = Math.max(10 * 60_000, REQUESTS * 100);
const LEAKS = /\bat \w+ \(|node_modules|SELECT |INSERT |prisma|sqlite|postgres|ECONN|stack/i;

type Param = { name: string; in: string; schema?: { type?: string; enum?: string[]; items?: { enum?: string[] } } };
type Operation = { method: string; path: string; params: Param[]; bodyKeys: string[] | null };

const doc = openApiDocument();
const operations: Operation[] = Object.entries(doc.paths)
  .filter(([p]) => p.startsWith("/api/v1/"))
  .flatMap(([p, item]) =>
    Object.entries(item as Record<string, { parameters?: Param[]; requestBody?: { content?: Record<string, { schema?: { properties?: object } }> } }>)
      .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path: p,
        params: op.parameters ?? [],
        bodyKeys: op.requestBody ? Object.keys(op.requestBody.content?.["application/json"]?.schema?.properties ?? {}) : null,
      })),
  );

/** Sent as written, not %-encoded again: broken encodings and encoded NUL, slash, dots, surrogate halves. */
const rawPieces = ["%ff", "%00", "a%00b", "%ED%A0%80", "%2e%2e", "a%2Fb", "%0D%0A", "%", "%zz"];
const hostile = fc.oneof(
  fc.constantFrom(
    "",
    "\u0000",
    "a\u0000b",
    "\ud800",
    "x\udfffy",
    "99999999999999999999",
    "-1",
    "0",
    "1.5",
    "1e308",
    "NaN",
    "null",
    "true",
    "x".repeat(5000),
    "a,".repeat(600),
    "%",
    "_",
    "\\",
    "100%_done\\",
    "' OR 1=1 --",
    "<script>",
    "global",
    "user:anne",
    "production:x",
    "FuzzFlow/1/start/1",
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.constantFrom("FuzzFlow", "1", "2", "start", "running", "completed", "2026-01-01", "2026-13-45T99:99"),
);
const value = fc.oneof(
  hostile.map((v) => ({ raw: false, v })),
  fc.constantFrom(...rawPieces).map((v) => ({ raw: true, v })),
);
const segment = fc.oneof(
  fc
    .constantFrom("FuzzFlow", "1", "start", "1", "stdout", "x".repeat(300), "99999999999999999999", "-1", "..", "%2e%2e", "<script>", "null")
    .map((v) => ({ raw: false, v })),
  fc.constantFrom(...rawPieces).map((v) => ({ raw: true, v })),
  fc.string({ maxLength: 12 }).map((v) => ({ raw: false, v })),
);
const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  hostile,
  fc.integer(),
  fc.constantFrom(1e308, -0, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, true, false, null, {}, []),
  fc.array(hostile, { maxLength: 5 }),
  fc.constant(Array.from({ length: 2000 }, (_, i) => `t${i}`)),
  fc.jsonValue({ maxDepth: 3 }),
);

const request = fc.record({
  operation: fc.constantFrom(...operations),
  segments: fc.array(segment, { minLength: 6, maxLength: 6 }),
  // Documented names mostly, sometimes repeated (list parameters), sometimes unknown ones.
  query: fc.array(fc.tuple(fc.oneof(fc.nat(20), fc.constantFrom("x", "tag", "\u0000", "a%00")), value), { maxLength: 6 }),
  body: fc.oneof(
    fc.dictionary(fc.string({ maxLength: 6 }), jsonish, { maxKeys: 3 }),
    fc.array(fc.tuple(fc.nat(10), jsonish), { maxLength: 4 }), // values under the documented keys
    fc.constantFrom("not json", "[", "{}", "null", "[".repeat(5000)),
  ),
  json: fc.boolean(),
});

const encode = (p: { raw: boolean; v: string }) => (p.raw ? p.v : encodeURIComponent(p.v.isWellFormed() ? p.v : p.v.toWellFormed()));

type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

function toHttp(r: FuzzRequest) {
  const { operation } = r;
  let i = 0;
  const path = operation.path.replace(/\{\w+\}/g, () => encode(r.segments[i++]));
  const documented = operation.params.filter((p) => p.in === "query").map((p) => p.name);
  const query = r.query
    .map(([name, v]) => {
      const key = typeof name === "number" ? (documented[name % Math.max(documented.length, 1)] ?? "x") : name;
      return `${key.includes("%") ? key : encodeURIComponent(key)}=${encode(v)}`;
    })
    .join("&");
  let body: string | undefined;
  if (operation.method !== "GET") {
    const b = r.body;
    if (typeof b === "string") body = b;
    else if (Array.isArray(b))
      body = JSON.stringify(Object.fromEntries(b.map(([k, v]) => [operation.bodyKeys?.[k % Math.max(operation.bodyKeys.length, 1)] ?? "x", v])));
    else body = JSON.stringify(b);
  }
  return { method: operation.method, url: `${path}${query ? `?${query}` : ""}`, body };
}

// Not the audit tables: a refused deployment is itself recorded (every refusal is audited), so they may grow on a 4xx.
const TABLES = [
  "flows",
  "runs",
  "run_tags",
  "tag_stats",
  "steps",
  "tasks",
  "metadata",
  "artifacts",
  "log_lines",
  "deployments",
  "deployment_authorizations",
  "deployment_tokens",
  "api_keys",
  "user_preferences",
  "saved_views",
];

async function rowCounts(t: DatabaseContext, tables: string[]): Promise<Record<string, number>> {
  const rows = await t.db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${tables.map((n) => `(SELECT COUNT(*) FROM ${n}) AS ${n}`).join(", ")}`);
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}

forEachDatabase("dashboard API under fuzzing", (t) => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startApp({ databaseUrl: t.url, env: { FLOWDECK_USER: "anne" } });
    const api = metadataClient(app);
    await api.post("/flows/FuzzFlow", {});
    await api.post("/flows/FuzzFlow/run", { user_name: "anne", tags: ["100%_done"], system_tags: systemTags("anne") });
    await api.post("/flows/FuzzFlow/runs/1/steps/start/step", {});
    await api.post("/flows/FuzzFlow/runs/1/steps/start/task", {});
  }, APP_START_TIMEOUT);
  afterAll(async () => app?.stop());

  it("derives its requests from every documented /api/v1 operation", () => {
    expect(operations.length).toBeGreaterThan(25);
    expect(operations.filter((o) => o.method !== "GET").length).toBeGreaterThanOrEqual(5);
  });

  // (A lone surrogate cannot arrive in a query: %-decoding makes U+FFFD of surrogate bytes.)
  it("answers NUL in query parameters and path segments with 400 and a message", async () => {
    const urls = ["namespace=a%00b", "tag=a%00b", "anyTag=%00", "notTag=%00", "flow=%00", "user=x%00", "cursor=%00", "since=%00"].map(
      (q) => `/api/v1/runs?${q}`,
    );
    urls.push(
      "/api/v1/namespaces?prefix=%00",
      "/api/v1/tags?prefix=a%00",
      "/api/v1/resolve?pathspec=F%00",
      "/api/v1/audit?user=%00",
      "/api/v1/runs/Fuzz%00Flow/1",
      "/api/v1/flows/FuzzFlow/latest-run?namespace=%00",
    );
    for (const url of urls) {
      const res = await fetch(`${app.url}${url}`);
      const body = await res.json();
      expect([url, res.status, body.error?.message]).toEqual([url, 400, expect.stringMatching(/NUL/)]);
    }
  });

  it(
    `answers ${REQUESTS} random requests below 500, without leaks, changing rows only by acknowledged writes`,
    async () => {
      let before = await rowCounts(t, TABLES);
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const { method, url, body } = toHttp(r);
          const headers: Record<string, string> = { origin: app.url };
          if (r.json) headers["content-type"] = "application/json";
          const res = await fetch(`${app.url}${url}`, { method, body, headers, redirect: "manual" });
          const text = res.headers.get("content-type")?.startsWith("text/event-stream") ? (await res.body?.cancel(), "") : await res.text();
          expect([method, url, res.status < 500 ? "below 500" : text]).toEqual([method, url, "below 500"]);
          if (res.status >= 400) expect([method, url, LEAKS.test(text) ? text : ""]).toEqual([method, url, ""]);
          const after = await rowCounts(t, TABLES);
          if (res.status >= 300 || method === "GET") expect([method, url, res.status, after]).toEqual([method, url, res.status, before]);
          before = after;
        }),
        { numRuns: REQUESTS, seed: Number(process.env.FLOWDECK_FUZZ_SEED ?? 20261202) },
      );
    },
    FUZZ_TIMEOUT,
  );
});
