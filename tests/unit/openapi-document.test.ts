// The generated OpenAPI document and the zod schemas it comes from say the
// same thing: bodies the routes' schemas accept, the document accepts, and
// bodies they refuse, it refuses; replies shaped as the wire schemas say
// validate against it. (tests/integration/openapi.test.ts checks the running app.)
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { openApiValidator } from "../setup/openapi-validator";
import { artifactBody, logLinesBody, metadataBody, objectBody, runBody, tagMutationBody, taskBody } from "@/lib/metadata-api/schemas";
import { flowWire, heartbeatWire, runWire, taskWire } from "@/lib/metadata-api/wire-schemas";
import { HEARTBEAT_REPLY } from "@/lib/metadata-api/handlers/runs";
import { bulkTagEditSchema, tagChangeSchema } from "@/lib/domain/tag-edit";
import { deployBodySchema } from "@/lib/domain/deployment-requests";
import { auditFiltersSchema } from "@/lib/domain/audit-filters";
import { runFiltersSchema } from "@/lib/domain/run-filters";
import { dashboardErrorWire, runSummaryWire } from "@/lib/openapi/dashboard-wire";

const v = openApiValidator();
const { doc } = v;
const M = "/api/metadata";
const TASK = `${M}/flows/{flow}/runs/{run}/steps/{step}/tasks/{task}`;
type Op = { parameters?: { name: string; in: string }[]; responses: Record<string, { headers?: Record<string, unknown>; content?: unknown }> };
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item as Record<string, Op>).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
);

describe("the generated document", () => {
  it("compiles: every request and response schema is valid JSON Schema 2020-12 whose references resolve", () => {
    expect(() => v.compileAll()).not.toThrow();
  }, 60_000); // ajv compiles a few hundred schemas: seconds on a busy 2-core machine

  it("gives every operation a 200 with a body, and every metadata reply the version header", () => {
    for (const { method, path, op } of operations) {
      expect([method, path, !!op.responses["200"]?.content]).toEqual([method, path, true]);
      if (!path.startsWith(M)) continue;
      for (const [status, r] of Object.entries(op.responses)) {
        expect([method, path, status, Object.keys(r.headers ?? {})]).toEqual([method, path, status, expect.arrayContaining(["METADATA_SERVICE_VERSION"])]);
      }
    }
  });

  it("keeps the paginated run list's headers and the heartbeat's double-encoded string", () => {
    const runs = doc.paths[`${M}/flows/{flow}/runs`].get as Op;
    expect(Object.keys(runs.responses["200"].headers ?? {})).toEqual(expect.arrayContaining(["X-Limit", "X-Next-Cursor"]));
    const heartbeat = doc.components.schemas.HeartbeatReply;
    expect(heartbeat.type).toBe("string");
    expect(heartbeat.contentMediaType).toBe("application/json");
    expect(v.checkResponse("POST", `${TASK}/heartbeat`, 200, headers(), JSON.stringify(HEARTBEAT_REPLY))).toEqual([]);
    // The reply decoded once is an object: not what the document (or Metaflow's client) expects.
    expect(v.checkResponse("POST", `${TASK}/heartbeat`, 200, headers(), HEARTBEAT_REPLY)).not.toEqual([]);
    expect(heartbeatWire.safeParse(HEARTBEAT_REPLY).success).toBe(true);
  });

  it("documents the query parameters the routes' schemas read", () => {
    const names = (path: string) => ((doc.paths[path].get as Op).parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
    expect(names("/api/v1/runs")).toEqual(Object.keys(runFiltersSchema.shape));
    expect(names("/api/v1/audit")).toEqual(Object.keys(auditFiltersSchema.shape));
    expect(names("/api/v1/audit")).toEqual(expect.arrayContaining(["flow", "kind"]));
    expect(names("/api/v1/runs/count")).toEqual(Object.keys(runFiltersSchema.shape).filter((k) => k !== "limit" && k !== "cursor"));
  });
});

function headers(extra: Record<string, string> = {}) {
  return new Headers({ "content-type": "application/json", METADATA_SERVICE_VERSION: "2.5.1", ...extra });
}

// [method, path, the schema the route parses with, accepted bodies, refused bodies]
const bodyCases: [string, string, z.ZodType, unknown[], unknown[]][] = [
  [
    "POST",
    `${M}/flows/{flow}`,
    objectBody,
    [{}, { user_name: "anne", tags: ["a"], system_tags: ["user:anne"] }, { user_name: null, tags: null }],
    [{ tags: "a" }, { tags: [1] }, { user_name: 5 }, [], "x", 42],
  ],
  [
    "POST",
    `${M}/flows/{flow}/run`,
    runBody,
    [{}, { user_name: "anne", run_number: "nightly", ts_epoch: 1700000000000 }],
    [{ ts_epoch: "soon" }, { ts_epoch: 1.5 }, { ts_epoch: -1 }, { run_number: "" }, { run_number: {} }, { system_tags: [{}] }],
  ],
  [
    "POST",
    `${M}/flows/{flow}/runs/{run}/steps/{step}/task`,
    taskBody,
    [{}, { task_id: "t1", user_name: "anne" }],
    [{ task_id: "" }, { task_id: [] }, { tags: "x" }],
  ],
  [
    "POST",
    `${TASK}/metadata`,
    metadataBody,
    [[], [{ field_name: "attempt", value: "0", type: "attempt", user_name: "anne" }], [{ field_name: "foreach-stack", value: [1, 2] }]],
    [{}, [{ value: "0" }], [{ field_name: 1, value: "0" }], [{ field_name: "x".repeat(256), value: "0" }]],
  ],
  [
    "POST",
    `${TASK}/artifact`,
    artifactBody,
    [[], [{ name: "x", location: "/x", ds_type: "local", sha: "s", type: "t", content_type: "c", attempt_id: 0, user_name: "anne" }]],
    [{}, [{ location: "/x" }], [{ name: "x", attempt_id: -1 }], [{ name: "x", sha: 5 }]],
  ],
  [
    "PATCH",
    `${M}/flows/{flow}/runs/{run}/tag/mutate`,
    tagMutationBody,
    [{}, { tags_to_add: ["a"], tags_to_remove: [] }, { tags_to_add: null }],
    [{ tags_to_add: "a" }, { tags_to_remove: [1] }, { tags_to_add: {} }, []],
  ],
  [
    "POST",
    `${TASK}/logs`,
    logLinesBody,
    [{ stream: "stdout", lines: [{ line: "hello", ts: 1700000000000 }] }],
    [
      { stream: "stdlog", lines: [{ line: "x" }] },
      { stream: "stdout", lines: [] },
      { stream: "stdout", lines: [{ ts: 1 }] },
    ],
  ],
  [
    "PATCH",
    "/api/v1/runs/{flow}/{run}/tags",
    tagChangeSchema,
    [{ add: ["candidate"] }, { add: ["b"], remove: ["a"] }],
    [{ add: "candidate" }, { add: [5] }, [], "x"],
  ],
  [
    "POST",
    "/api/v1/tag-edits",
    bulkTagEditSchema,
    [
      { runs: ["HelloFlow/1"], add: ["x"] },
      { filter: { tag: "a", status: "failed" }, remove: ["x"] },
    ],
    [
      { runs: [], add: ["x"] },
      { runs: "HelloFlow/1", add: ["x"] },
      { filter: { colour: "red" }, add: ["x"] },
      { runs: ["HelloFlow/1"], add: [3] },
    ],
  ],
  [
    "POST",
    "/api/v1/deployments/{flow}",
    deployBodySchema,
    [{}, { authorize: "tok" }, { generateNewToken: true }],
    [{ generateNewToken: "yes" }, { authorize: "" }, { token: "x" }],
  ],
];

describe("request bodies: the document and the routes' schemas agree", () => {
  for (const [method, path, schema, accepted, refused] of bodyCases) {
    it(`${method} ${path}`, () => {
      for (const body of accepted) {
        expect([body, v.checkRequest(method, path, body)]).toEqual([body, []]);
        expect([body, schema.safeParse(body).success]).toEqual([body, true]);
      }
      for (const body of refused) {
        expect([body, v.checkRequest(method, path, body).length > 0]).toEqual([body, true]);
        expect([body, schema.safeParse(body).success]).toEqual([body, false]);
      }
    });
  }
});

describe("replies: the wire schemas and the document agree", () => {
  const run = { flow_id: "F", run_number: 1, user_name: "anne", ts_epoch: 1700000000000, tags: [], system_tags: ["user:anne"], last_heartbeat_ts: null };
  const summary = {
    dbId: 1,
    flowId: 1,
    flow: "F",
    runNumber: 1,
    runId: null,
    key: "1",
    pathspec: "F/1",
    userName: "anne",
    createdTs: 1,
    lastHeartbeatTs: null,
    finishedTs: null,
    endStatus: null,
    status: "running",
    durationMs: null,
    tags: [],
    systemTags: [],
    originRunId: null,
  };
  const cases: [string, string, z.ZodType, unknown, unknown[]][] = [
    [
      "GET",
      `${M}/flows/{flow}/runs/{run}`,
      runWire,
      run,
      [
        { ...run, extra: 1 },
        { ...run, run_number: null },
        { ...run, ts_epoch: "now" },
      ],
    ],
    ["GET", `${M}/flows/{flow}`, flowWire, { flow_id: "F", user_name: null, ts_epoch: 1, tags: [], system_tags: [] }, [{ flow_id: "F" }]],
    ["GET", TASK, taskWire, { ...run, step_name: "start", task_id: "t1" }, [{ ...run, step_name: "start" }]],
    ["GET", "/api/v1/runs/{flow}/{run}/tags", runTagsLike(), { tags: ["a"], systemTags: [] }, [{ tags: ["a"] }, { tags: ["a"], systemTags: [], more: 1 }]],
    [
      "GET",
      "/api/v1/flows/{flow}/latest-run",
      latestRunLike(),
      { flow: "F", namespace: "global", latestIsAmbiguous: true, run: summary },
      [{ flow: "F", namespace: "global", latestIsAmbiguous: true, run: { ...summary, status: "lost" } }],
    ],
  ];
  for (const [method, path, schema, good, bad] of cases) {
    it(`${method} ${path}`, () => {
      expect(schema.safeParse(good).success).toBe(true);
      expect(v.checkResponse(method, path, 200, headers(), JSON.stringify(good))).toEqual([]);
      for (const b of bad) {
        expect([b, schema.safeParse(b).success]).toEqual([b, false]);
        expect([b, v.checkResponse(method, path, 200, headers(), JSON.stringify(b)).length > 0]).toEqual([b, true]);
      }
    });
  }

  it("errors: 404 {} and {message} on the metadata API, {error: {code, message}} on the dashboard API", () => {
    expect(v.checkResponse("GET", `${M}/flows/{flow}`, 404, headers(), "{}")).toEqual([]);
    expect(v.checkResponse("GET", `${M}/flows/{flow}`, 404, headers(), '{"message":"no"}')).not.toEqual([]);
    expect(v.checkResponse("POST", `${M}/flows/{flow}`, 409, headers(), '{"message":"Flow F already exists."}')).toEqual([]);
    expect(v.checkResponse("POST", `${M}/flows/{flow}`, 418, headers(), "{}")).toEqual([expect.stringContaining("418 is not documented")]);
    expect(v.checkResponse("GET", `${M}/flows/{flow}/runs/{run}`, 200, new Headers({ "content-type": "application/json" }), JSON.stringify(run))).toEqual([
      "header METADATA_SERVICE_VERSION is missing",
    ]);
    const notInNs = { error: { code: "not_in_namespace", message: "…", namespaces: ["user:anne"], pathspec: "F/1" } };
    expect(dashboardErrorWire.safeParse(notInNs).success).toBe(true);
    expect(v.checkResponse("GET", "/api/v1/runs/{flow}/{run}", 404, headers(), JSON.stringify(notInNs))).toEqual([]);
    expect(v.checkResponse("GET", "/api/v1/runs/{flow}/{run}", 404, headers(), JSON.stringify({ error: { code: "nope", message: "" } }))).not.toEqual([]);
    expect(runSummaryWire.safeParse(summary).success).toBe(true);
  });
});

// Schemas only the document holds inline (no export needed): validate through it alone.
function runTagsLike(): z.ZodType {
  return {
    safeParse: (x: unknown) => ({ success: v.checkResponse("GET", "/api/v1/runs/{flow}/{run}/tags", 200, headers(), JSON.stringify(x)).length === 0 }),
  } as never;
}
function latestRunLike(): z.ZodType {
  return {
    safeParse: (x: unknown) => ({ success: v.checkResponse("GET", "/api/v1/flows/{flow}/latest-run", 200, headers(), JSON.stringify(x)).length === 0 }),
  } as never;
}
