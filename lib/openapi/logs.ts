// OpenAPI path of the dashboard's task logs route (app/api/v1/runs/…/logs).
import { buildPaths } from "./spec";

export const logsPaths = buildPaths("/api/v1", [
  ["GET", "/runs/{flow}/{run}/{step}/{task}/logs", {
    tag: "Dashboard",
    summary: "A task's log lines: pushed ones and, for Metaflow's local datastore, the files under its ds-root",
    query: [
      { name: "stream", description: "stdout (default) or stderr", schema: { enum: ["stdout", "stderr"] } },
      { name: "attempt", description: "Attempt number; the latest by default", schema: { type: "integer" } },
      { name: "namespace", description: "Namespace in effect; a run outside it is refused (404 not_in_namespace)" },
    ],
    response: {
      type: "object",
      properties: {
        namespace: { type: "string" },
        pathspec: { type: "string" },
        stream: { type: "string" },
        attempt: { type: "integer" },
        truncated: { type: "boolean", description: "Only the last 8 MB of a large file were read" },
        files: { type: "array", items: { type: "string" } },
        lines: {
          type: "array",
          items: { type: "object", properties: { ts: { type: ["number", "null"] }, line: { type: "string" }, source: { type: "string" } } },
        },
      },
    },
  }],
]);
