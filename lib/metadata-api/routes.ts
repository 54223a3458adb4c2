import "server-only";
// Every route of the metadata API (base /api/metadata). The OpenAPI document
// (lib/openapi/metadata.ts) is checked against this table by a test.
import type { Route } from "./router";
import { healthcheckHandler, pingHandler, versionHandler } from "./handlers/admin";
import * as runs from "./handlers/runs";
import * as tasks from "./handlers/tasks";
import * as data from "./handlers/task-data";

const RUN = "/flows/{flow}/runs/{run}";
const STEP = `${RUN}/steps/{step}`;
const TASK = `${STEP}/tasks/{task}`;

export const metadataRoutes: Route[] = [
  { method: "GET", pattern: "/ping", handler: pingHandler, open: true },
  { method: "GET", pattern: "/version", handler: versionHandler, open: true },
  { method: "GET", pattern: "/healthcheck", handler: healthcheckHandler, open: true },
  { method: "GET", pattern: "/flows", handler: runs.listFlowsHandler },
  { method: "GET", pattern: "/flows/{flow}", handler: runs.getFlowHandler },
  { method: "POST", pattern: "/flows/{flow}", handler: runs.createFlowHandler },
  { method: "GET", pattern: "/flows/{flow}/runs", handler: runs.listRunsHandler },
  { method: "POST", pattern: "/flows/{flow}/run", handler: runs.createRunHandler },
  { method: "GET", pattern: RUN, handler: runs.getRunHandler },
  { method: "POST", pattern: `${RUN}/heartbeat`, handler: runs.heartbeatRunHandler },
  { method: "PATCH", pattern: `${RUN}/tag/mutate`, handler: runs.mutateTagsHandler },
  { method: "GET", pattern: `${RUN}/metadata`, handler: data.listRunMetadataHandler },
  { method: "GET", pattern: `${RUN}/artifacts`, handler: data.runArtifactsHandler },
  { method: "GET", pattern: `${RUN}/steps`, handler: tasks.listStepsHandler },
  { method: "GET", pattern: STEP, handler: tasks.getStepHandler },
  { method: "POST", pattern: `${STEP}/step`, handler: tasks.createStepHandler },
  { method: "GET", pattern: `${STEP}/artifacts`, handler: data.stepArtifactsHandler },
  { method: "GET", pattern: `${STEP}/tasks`, handler: tasks.listTasksHandler },
  { method: "GET", pattern: `${STEP}/filtered_tasks`, handler: tasks.filteredTasksHandler },
  { method: "POST", pattern: `${STEP}/task`, handler: tasks.createTaskHandler },
  { method: "GET", pattern: TASK, handler: tasks.getTaskHandler },
  { method: "POST", pattern: `${TASK}/heartbeat`, handler: tasks.heartbeatTaskHandler },
  { method: "GET", pattern: `${TASK}/metadata`, handler: data.listTaskMetadataHandler },
  { method: "POST", pattern: `${TASK}/metadata`, handler: data.createMetadataHandler },
  { method: "POST", pattern: `${TASK}/artifact`, handler: data.createArtifactsHandler },
  { method: "GET", pattern: `${TASK}/artifacts`, handler: data.taskArtifactsHandler },
  { method: "GET", pattern: `${TASK}/artifacts/{name}`, handler: data.getArtifactHandler },
  { method: "GET", pattern: `${TASK}/artifacts/{name}/attempt/{attempt}`, handler: data.getArtifactHandler },
  { method: "GET", pattern: `${TASK}/attempt/{attempt}/artifacts`, handler: data.taskAttemptArtifactsHandler },
  { method: "POST", pattern: `${TASK}/logs`, handler: data.appendLogsHandler },
];
