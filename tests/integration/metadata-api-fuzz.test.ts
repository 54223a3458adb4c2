// Property-based fuzzing of the metadata API (fast-check): random methods,
// paths built from the route table with hostile segments, random queries and
// bodies. Every answer is below 500, no body leaks SQL, stack traces or
// driver names, and the flows and runs that exist are exactly those whose
// creation was acknowledged. Real HTTP, both databases.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { APP_START_TIMEOUT, metadataClient, startApp, systemTags, type AppServer, type MetadataClient } from "../setup/metadata-servers";
import { metadataRoutes } from "@/lib/metadata-api/routes";

const REQUESTS = Number(process.env.FLOWDECK_FUZZ_REQUESTS ?? 1500);
/** 10 minutes, or 100 ms a request for the longer runs FLOWDECK_FUZZ_REQUESTS asks for. */
const FUZZ_TIMEOUT = Math.max(10 * 60_000, REQUESTS * 100);
const LEAKS = /\bat \w+ \(|node_modules|SELECT |INSERT |prisma|sqlite|postgres|ECONN|stack/i;

const segment = fc.oneof(
  fc.constantFrom(
    "FuzzFlow",
    "1",
    "2",
    "start",
    "end",
    "0",
    "-1",
    "99999999999",
    "x".repeat(300),
    "..",
    "%2e%2e",
    "%ff",
    "%00",
    "a%2Fb",
    "<script>",
    "%0D%0A",
    "null",
  ),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.string({ unit: "grapheme", maxLength: 6 }).map(encodeURIComponent),
);
const json = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.array(
    fc.record({ field_name: fc.string(), value: fc.oneof(fc.string(), fc.integer()), type: fc.string(), user_name: fc.string(), tags: fc.array(fc.string()) }),
  ),
  fc.record(
    {
      user_name: fc.string(),
      tags: fc.array(fc.string({ maxLength: 600 })),
      system_tags: fc.array(fc.string()),
      run_number: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    },
    { requiredKeys: [] },
  ),
);
const body = fc.oneof(
  json.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 40 }),
  fc.constant(undefined),
);
const query = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        "_tags",
        "_tags:any",
        "_tags:likeall",
        "_limit",
        "_cursor",
        "run_number:gt",
        "tags:co",
        "tags:li",
        "user",
        "status",
        "pattern",
        "metadata_field_name",
        "x",
      ),
      fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("null", "%", "\\", "^(a+)+$", "99999999999", "running")),
    ),
    { maxLength: 3 },
  )
  .map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs)}` : ""));
const request = fc.record({
  method: fc.constantFrom("GET", "POST", "PATCH", "PUT", "DELETE"),
  route: fc.constantFrom(...metadataRoutes.map((r) => r.pattern)),
  segments: fc.array(segment, { minLength: 6, maxLength: 6 }),
  query,
  body,
  json: fc.boolean(),
});

forEachDatabase(
  "metadata API under fuzzing",
  (t) => {
    let app: AppServer;
    let api: MetadataClient;
    beforeAll(async () => {
      app = await startApp({ databaseUrl: t.url });
      api = metadataClient(app);
      await api.post("/flows/FuzzFlow", {});
      await api.post("/flows/FuzzFlow/run", { user_name: "anne", system_tags: systemTags("anne") });
      await api.post("/flows/FuzzFlow/runs/1/steps/start/step", {});
      await api.post("/flows/FuzzFlow/runs/1/steps/start/task", {});
    }, APP_START_TIMEOUT);
    afterAll(async () => app?.stop());

    it(
      `answers ${REQUESTS} random requests below 500, without leaks, and keeps only acknowledged flows and runs`,
      async () => {
        const acknowledged = { flows: new Set(["FuzzFlow"]), runs: 1 };
        await fc.assert(
          fc.asyncProperty(request, async (r) => {
            let i = 0;
            const path = r.route.replace(/\{\w+\}/g, () => r.segments[i++]);
            const res = await fetch(`${app.url}/api/metadata${path}${r.query}`, {
              method: r.method,
              body: r.method === "GET" ? undefined : r.body,
              headers: r.json ? { "content-type": "application/json" } : {},
            });
            const text = await res.text();
            expect([r.method, path, res.status < 500]).toEqual([r.method, path, true]);
            expect(LEAKS.test(text) ? text : "").toBe("");
            if (res.status === 200 && r.method === "POST" && r.route === "/flows/{flow}") acknowledged.flows.add(JSON.parse(text).flow_id);
            if (res.status === 200 && r.method === "POST" && r.route === "/flows/{flow}/run") acknowledged.runs++;
          }),
          { numRuns: REQUESTS, seed: Number(process.env.FLOWDECK_FUZZ_SEED ?? 20261202) },
        );
        const flows = (await api.get("/flows")).body.map((f: { flow_id: string }) => f.flow_id);
        expect(new Set(flows)).toEqual(acknowledged.flows);
        let runs = 0;
        for (const f of flows) runs += (await api.get(`/flows/${encodeURIComponent(f)}/runs`)).body.length;
        expect(runs).toBe(acknowledged.runs);
      },
      FUZZ_TIMEOUT,
    );
  },
  { client: false },
);
