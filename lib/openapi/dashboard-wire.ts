// The replies of the dashboard API (/api/v1) as zod schemas: what its route
// handlers send. The OpenAPI document is generated from them, and the
// integration tests validate the running app's replies against it.
//
// Each schema that mirrors a type of lib/data or lib/domain is checked against
// that type at compile time (the `Same<…>` lines at the end): change a read
// model and `tsc` says which schema, and so which part of the document, to change.
// Objects are strict, so a field sent but not described fails the tests.
import { z } from "zod";
import type { AuditEntry } from "../data/audit-read";
import type { FlowSummary } from "../data/flows-read";
import type { NamespaceInfo } from "../data/namespaces-read";
import type { DeployResult } from "../data/production-write";
import type { NamespaceUse } from "../data/production-read";
import type { RunDetail } from "../data/run-detail-read";
import type { RunSummary } from "../data/runs-read";
import type { SavedViewRow } from "../data/saved-views";
import type { TaskLogs } from "../data/logs-read";
import type { ParameterView, RunDag } from "../data/run-explain-read";
import type { TaskListRow, TimelineRow, listRunTasks, timelinePage } from "../data/run-tasks-read";
import type { CardView, TaskArtifactRow, TaskDetail, artifactPreview, listTaskArtifacts } from "../data/task-detail-read";
import type { Attempt } from "../domain/attempts";
import type { PicklePreview } from "../domain/pickle-preview";
import type { FullTaskCurrent } from "../domain/task";
import type { StepRow } from "../data/steps-read";
import type { TagSuggestion } from "../domain/tag-suggestions";
import type { BulkOutcome } from "../domain/tag-edit";
import { RUN_STATUSES, type RunStatus } from "../domain/status";
import type { ErrorCode } from "../errors";
import type { StreamMessage } from "../live/coalesce";

const ms = (description = "Epoch milliseconds") => z.number().meta({ description });
const msOrNull = (description = "Epoch milliseconds") => z.number().nullable().meta({ description });
const strings = z.array(z.string());
export const runStatusWire = z.enum(RUN_STATUSES as [RunStatus, ...RunStatus[]]).meta({ id: "RunStatus" });

const ERROR_CODES = [
  "bad_request",
  "not_found",
  "not_in_namespace",
  "conflict",
  "unprocessable",
  "unauthorized",
  "forbidden",
  "too_many_requests",
  "unavailable",
  "config",
  "internal",
] as const;

export const dashboardErrorWire = z
  .strictObject({
    error: z
      .strictObject({
        code: z.enum(ERROR_CODES),
        message: z.string(),
        namespaces: strings.optional().meta({ description: "not_in_namespace: the namespaces the run is in" }),
        pathspec: z.string().optional().meta({ description: "not_in_namespace: the run" }),
        issues: z
          .array(z.strictObject({ path: z.string(), message: z.string() }))
          .optional()
          .meta({ description: "bad_request from a schema: each problem and where" }),
        tooMany: z
          .strictObject({ current: z.number().int(), next: z.number().int() })
          .optional()
          .meta({ description: "More than 50 user tags: how many the run has and would have" }),
      })
      .meta({
        description: "`code` is bad_request, not_found, not_in_namespace, …; not_in_namespace adds `namespaces` (those the run is in) and `pathspec`.",
      }),
  })
  .meta({ id: "DashboardError" });

export const runSummaryWire = z
  .strictObject({
    dbId: z.number().int().meta({ description: "Flowdeck's own id of the run (what change events carry as runDbId)" }),
    flowId: z.number().int().meta({ description: "Flowdeck's own id of the run's flow" }),
    flow: z.string(),
    runNumber: z.number().int(),
    runId: z.string().nullable(),
    key: z.string(),
    pathspec: z.string(),
    userName: z.string(),
    createdTs: ms(),
    lastHeartbeatTs: z.number().nullable().meta({ description: "Epoch seconds" }),
    finishedTs: msOrNull(),
    endStatus: z
      .enum(["completed", "failed", "retrying"])
      .nullable()
      .meta({ description: "What the end step said (null while it has not); `status` is what the run is" }),
    status: runStatusWire,
    durationMs: z.number().nullable(),
    tags: strings.meta({ description: "User tags" }),
    systemTags: strings,
    originRunId: z.string().nullable().meta({ description: "The run this one was resumed from (its key)" }),
  })
  .meta({
    id: "RunSummary",
    description: "Times are epoch milliseconds, last_heartbeat_ts epoch seconds. `key` is the id the run is known by (string run id, else its number).",
  });

export const runTagsWire = z
  .strictObject({
    tags: strings.meta({ description: "User tags, sorted" }),
    systemTags: strings,
  })
  .meta({ id: "RunTags" });

export const auditEventWire = z
  .strictObject({
    id: z.number().int(),
    ts: ms(),
    actor: z.string(),
    source: z.string(),
    kind: z.string().meta({ description: "tags_changed, deploy, authorize, refuse, rotate, grant, revoke or retire" }),
    subject: z.string().meta({ description: "The run's pathspec, or the flow of a production event" }),
    runDbId: z.number().int().nullable(),
    added: strings,
    removed: strings,
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({
    id: "AuditEvent",
    description:
      "One change, kept forever. `source` is ui, api, metadata-api or cli; `actor` is who (metaflow-client for the metadata API, which carries no user).",
  });

export const auditPageWire = z
  .strictObject({
    events: z.array(auditEventWire),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: "AuditPage" });

const namespaceUseWire = z.strictObject({
  namespace: z.string(),
  runCount: z.number().int(),
  createdTs: ms(),
  createdBy: z.string(),
  replacedTs: msOrNull(),
});

export const deploymentWire = z
  .strictObject({
    flow: z.string(),
    token: z.string(),
    namespace: z.string(),
    deployedBy: z.string(),
    createdTs: ms(),
    updatedTs: ms(),
    version: z.number().int(),
    retired: z.boolean(),
    retiredTs: msOrNull(),
    authorized: strings.meta({ description: "Who may deploy it" }),
    runCount: z.number().int(),
    previous: z.array(namespaceUseWire).meta({ description: "Earlier tokens' namespaces, newest first" }),
    history: z
      .array(z.strictObject({ ts: ms(), kind: z.string(), actor: z.string(), source: z.string(), message: z.string() }))
      .optional()
      .meta({ description: "Newest first (GET /deployments/{flow} only)" }),
  })
  .meta({
    id: "Deployment",
    description: "A production deployment. Its runs carry production:<token>; `previous` lists the namespaces of earlier tokens with their runs.",
  });

export const namespaceWire = z
  .strictObject({
    name: z.string(),
    kind: z.enum(["user", "production", "tag"]),
    runCount: z.number().int(),
    lastActivityTs: ms(),
  })
  .meta({ id: "Namespace" });

export const flowSummaryWire = z
  .strictObject({
    name: z.string(),
    latestRun: runSummaryWire.nullable(),
    history: z
      .array(z.strictObject({ key: z.string(), pathspec: z.string(), status: runStatusWire, createdTs: ms() }))
      .meta({ description: "Up to 10 newest runs in the namespace, newest first" }),
  })
  .meta({ id: "FlowSummary" });

const taskCurrentWire = z
  .strictObject({
    flow_name: z.string(),
    run_id: z.string(),
    origin_run_id: z.string().nullable(),
    step_name: z.string(),
    task_id: z.string(),
    pathspec: z.string(),
    username: z.string(),
  })
  .meta({ description: "What Metaflow's `current` gives inside the task" });

export const stepWire = z
  .strictObject({
    name: z.string(),
    createdTs: ms(),
    status: runStatusWire,
    taskCount: z.number().int(),
    counts: z.strictObject({ running: z.number().int(), completed: z.number().int(), failed: z.number().int() }),
    tasks: z
      .array(
        z.strictObject({
          key: z.string(),
          attempt: z.number().int(),
          status: runStatusWire,
          createdTs: ms(),
          finishedTs: msOrNull(),
          durationMs: z.number().nullable(),
          current: taskCurrentWire,
        }),
      )
      .meta({ description: "The first 50 tasks of the step; counts cover all" }),
  })
  .meta({ id: "StepDetail" });

export const runsPageWire = z.strictObject({ runs: z.array(runSummaryWire), nextCursor: z.string().nullable() });
export const namespacesWire = z.strictObject({ namespaces: z.array(namespaceWire), truncated: z.boolean() });
export const tagSuggestionsWire = z.strictObject({
  suggestions: z.array(
    z.strictObject({
      value: z.string().meta({ description: "What picking the suggestion puts in the input" }),
      kind: z.enum(["key", "tag"]).meta({ description: "key: a key: prefix to keep typing from; tag: a whole tag" }),
      system: z.boolean(),
      runCount: z.number().int(),
    }),
  ),
});
export const flowsWire = z.strictObject({
  namespace: z.string(),
  latestIsAmbiguous: z.boolean().meta({ description: "True in the global namespace: latest means latest by anyone" }),
  flows: z.array(flowSummaryWire),
});
export const latestRunWire = z.strictObject({
  flow: z.string(),
  namespace: z.string(),
  latestIsAmbiguous: z.boolean(),
  run: runSummaryWire.nullable(),
});
export const runDetailWire = z.strictObject({
  namespace: z.string(),
  run: runSummaryWire,
  origin: runSummaryWire.nullable().meta({ description: "The run this one was resumed from" }),
  resumed: z.array(runSummaryWire).meta({ description: "Runs resumed from this one" }),
  steps: z.array(stepWire),
});
export const bulkOutcomeWire = z.strictObject({
  changed: z.number().int(),
  unchanged: z.number().int(),
  failed: z.array(z.strictObject({ run: z.string(), error: z.string() })),
});
export const runCountWire = z.strictObject({
  count: z.number().int(),
  capped: z.boolean().meta({ description: "More than 100,000 match" }),
});
export const deploymentsWire = z.strictObject({ guard: z.enum(["token", "grants"]), deployments: z.array(deploymentWire) });
export const deployResultWire = z.strictObject({
  token: z.string(),
  namespace: z.string(),
  firstDeployment: z.boolean(),
  rotated: z.boolean(),
  authorizedNow: z.boolean(),
  previousNamespace: z.string().nullable().meta({ description: "The namespace earlier runs stay in, after a rotation" }),
  message: z.string(),
});
export const grantResultWire = z.strictObject({ changed: z.boolean(), message: z.string() });
export const retireResultWire = z.strictObject({ message: z.string() });
export const pathspecSuggestionsWire = z.strictObject({
  suggestions: z.array(
    z.strictObject({
      pathspec: z.string().meta({ description: "A flow (Flow) or a run (Flow/run) as recorded" }),
      kind: z.enum(["flow", "run"]),
      status: z.enum(["running", "completed", "failed"]).optional().meta({ description: "A run's status" }),
    }),
  ),
});
export const resolveWire = z.strictObject({
  href: z.string(),
  pathspec: z.string().meta({ description: "As recorded" }),
  corrected: z.boolean(),
});
export const savedViewsWire = z.strictObject({
  views: z.array(z.strictObject({ id: z.number().int(), userName: z.string(), name: z.string(), query: z.string(), updatedTs: ms(), href: z.string() })),
});
export const whoamiWire = z.strictObject({ user: z.string(), mode: z.enum(["local", "proxy"]), canSwitch: z.boolean() });
export const taskLogsWire = z.strictObject({
  namespace: z.string(),
  pathspec: z.string(),
  stream: z.enum(["stdout", "stderr"]),
  attempt: z.number().int(),
  lines: z.array(
    z.strictObject({
      ts: z.number().nullable().meta({ description: "Epoch milliseconds, when the line carries a time" }),
      line: z.string().meta({ description: "Cut at 10,000 characters" }),
      source: z.string().meta({ description: "pushed: sent to the metadata API; else the mflog source of a file's line (task or runtime)" }),
    }),
  ),
  files: strings.meta({ description: "The log files read" }),
  nextCursor: z.string().meta({ description: "Where the next page starts; at the end of the log, where new lines will appear (follow)" }),
  atEnd: z.boolean().meta({ description: "Every source was read to its end" }),
  totalBytes: z.number().int().meta({ description: "Bytes of log files in total" }),
  unreadable: z.string().nullable().meta({ description: "Why the log files could not be read, when they could not" }),
  truncated: z.boolean().meta({ description: "More of the log follows this page (the opposite of atEnd): continue from nextCursor" }),
});

const taskStatusWire = runStatusWire;
export const attemptWire = z
  .strictObject({
    attempt: z.number().int(),
    startTs: ms(),
    endTs: msOrNull(),
    status: taskStatusWire,
  })
  .meta({ id: "TaskAttempt" });

export const taskListRowWire = z
  .strictObject({
    key: z.string().meta({ description: "The task's id, or the string task name the client gave" }),
    step: z.string(),
    pathspec: z.string(),
    attempt: z.number().int().meta({ description: "The latest attempt" }),
    status: taskStatusWire,
    createdTs: ms(),
    finishedTs: msOrNull(),
    durationMs: z.number().nullable().meta({ description: "Until it finishes, to now (running) or its last heartbeat" }),
  })
  .meta({ id: "TaskListRow" });

const dagNodeWire = z.strictObject({
  name: z.string(),
  kind: z.enum(["start", "linear", "split", "foreach", "join", "end", "switch", "parallel", "unknown"]),
  status: z.enum(["running", "completed", "failed", "not_started"]).meta({ description: "not_started: in the graph, no task recorded yet" }),
  taskCount: z.number().int(),
  foreachArtifact: z.string().nullable().meta({ description: "For a foreach split: the artifact it fans out over" }),
  doc: z.string().nullable().meta({ description: "The step's docstring" }),
});
const dagEdgeWire = z.strictObject({ from: z.string(), to: z.string(), foreach: z.boolean() });
const point = z.strictObject({ x: z.number(), y: z.number() });

export const runDagWire = z
  .strictObject({
    namespace: z.string(),
    pathspec: z.string(),
    source: z
      .enum(["graph_info", "recorded"])
      .meta({ description: "graph_info: the flow's own graph, read from its datastore; recorded: the steps in the order they started" }),
    note: z.string().nullable().meta({ description: "Why the graph is the recorded one" }),
    nodes: z.array(dagNodeWire),
    edges: z.array(dagEdgeWire),
    layout: z
      .strictObject({
        width: z.number().int(),
        height: z.number().int(),
        nodes: z.array(z.strictObject({ name: z.string(), x: z.number(), y: z.number() })).meta({ description: "Centres of the steps' boxes" }),
        edges: z.array(dagEdgeWire.extend({ points: z.array(point) })),
      })
      .meta({ description: "Positions by dagre, top to bottom" }),
  })
  .meta({ id: "RunDag" });

export const runParametersWire = z.strictObject({
  namespace: z.string(),
  pathspec: z.string(),
  parameters: z.array(
    z.strictObject({
      name: z.string(),
      type: z.string().nullable().meta({ description: "The Python type of the value" }),
      value: z.string().nullable().meta({ description: "Python repr of the value, when readable" }),
      reason: z.string().nullable().meta({ description: "Why the value is not shown" }),
    }),
  ),
});

export const runTasksWire = z.strictObject({
  namespace: z.string(),
  pathspec: z.string(),
  tasks: z.array(taskListRowWire),
  nextCursor: z.string().nullable(),
});

export const timelineWire = z.strictObject({
  namespace: z.string(),
  pathspec: z.string(),
  status: runStatusWire.meta({ description: "The run's status" }),
  tasks: z.array(taskListRowWire.extend({ attempts: z.array(attemptWire) })),
  total: z.number().int().nullable().meta({ description: "Tasks in the run (first page only, else null)" }),
  runStart: ms(),
  runEnd: ms("Epoch milliseconds: when the run ended, or now while it runs"),
  nextCursor: z.string().nullable(),
});

const datastoreWire = z.strictObject({
  readable: z.boolean().meta({ description: "Whether Flowdeck may read the task's datastore (it is under FLOWDECK_DATASTORE_ROOTS)" }),
  reason: z.string().nullable().meta({ description: "Why not, when not" }),
});

export const taskDetailWire = z
  .strictObject({
    namespace: z.string(),
    pathspec: z.string(),
    step: z.string(),
    key: z.string(),
    status: runStatusWire,
    createdTs: ms(),
    finishedTs: msOrNull(),
    current: taskCurrentWire
      .extend({ retry_count: z.number().int(), namespace: z.string(), tags: strings })
      .meta({ description: "What Metaflow's `current` gives inside the task" }),
    attempts: z.array(attemptWire),
    metadata: z.array(z.strictObject({ id: z.number().int(), fieldName: z.string(), value: z.string(), type: z.string(), createdTs: ms(), tags: strings })),
    datastore: datastoreWire.extend({ root: z.string().nullable().meta({ description: "The task's directory, when readable" }) }),
  })
  .meta({ id: "TaskDetail" });

export const taskArtifactsWire = z.strictObject({
  namespace: z.string(),
  attempt: z.number().int().meta({ description: "The attempt listed" }),
  artifacts: z.array(
    z.strictObject({
      name: z.string(),
      type: z.string(),
      contentType: z.string(),
      sha: z.string(),
      location: z.string(),
      dsType: z.string(),
      attempt: z.number().int(),
      createdTs: ms(),
      sizeBytes: z.number().int().nullable().meta({ description: "Size of the stored file, when readable" }),
      readable: z.boolean(),
    }),
  ),
  datastore: datastoreWire,
});

export const picklePreviewWire = z
  .discriminatedUnion("previewable", [
    z.strictObject({ previewable: z.literal(true), type: z.string().meta({ description: "Python type name" }), repr: z.string(), truncated: z.boolean() }),
    z.strictObject({ previewable: z.literal(false), reason: z.string() }),
  ])
  .meta({
    id: "ArtifactPreview",
    description:
      "Python's repr of a basic value (None, bool, int, float, str, bytes, list, tuple, set, dict), cut at 20,000 characters; anything else is not previewable, with why. Nothing is executed.",
  });

export const artifactPreviewWire = z.strictObject({
  namespace: z.string(),
  name: z.string(),
  attempt: z.number().int(),
  sha: z.string(),
  location: z.string(),
  type: z.string(),
  preview: picklePreviewWire,
});

export const taskCardsWire = z.strictObject({
  namespace: z.string(),
  cards: z.array(
    z.strictObject({
      id: z.string().meta({ description: "What GET …/cards/{id} takes" }),
      type: z.string(),
      cardId: z.string().nullable().meta({ description: "The id given in @card(id=…)" }),
      hash: z.string(),
    }),
  ),
  datastore: datastoreWire,
});

const runOfChange = {
  flow: z.string(),
  runNumber: z.number().int(),
  runDbId: z.number().int().meta({ description: "Flowdeck's own id of the run (RunSummary.dbId)" }),
};
/** The data of each `event: change` of GET /api/v1/events. */
export const changeMessageWire = z
  .union([
    z.strictObject({
      kind: z.enum(["run_created", "run_updated", "tags_changed"]),
      ...runOfChange,
      tags: z
        .array(z.string())
        .optional()
        .meta({ description: "run_created: the run's tags, for the namespace filter (left out when too long for a notification)" }),
    }),
    z
      .strictObject({
        kind: z.literal("tasks_changed"),
        ...runOfChange,
        tasks: z
          .array(z.strictObject({ step: z.string(), task: z.string().meta({ description: "the task's name, else its id" }) }))
          .nullable()
          .meta({
            description: "the tasks that started, or whose attempt or verdict changed, since the run's previous tasks_changed; null when more than 100",
          }),
      })
      .meta({ description: "Task starts and changes of one run, coalesced: at most one message per run every 500 ms" }),
    z.strictObject({ kind: z.literal("tags_changed_many"), runDbIds: z.array(z.number().int()) }),
    z.strictObject({ kind: z.literal("resync") }).meta({ description: "changes may have been missed (the server's database listener reconnected): refetch" }),
  ])
  .meta({ id: "ChangeMessage" });

// Compile-time ties between these schemas and the types the routes answer
// (an unmet one fails `tsc`: "Type 'false' does not satisfy the constraint 'true'").
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type Wire<S extends z.ZodType> = z.infer<S>;
type DeploymentHistory = NonNullable<Wire<typeof deploymentWire>["history"]>[number];
export type WireTypeChecks = [
  Assert<Same<Wire<typeof changeMessageWire>, StreamMessage>>,
  Assert<Same<Wire<typeof runSummaryWire>, RunSummary>>,
  Assert<Same<Wire<typeof auditEventWire>, AuditEntry>>,
  Assert<Same<Wire<typeof flowSummaryWire>, FlowSummary>>,
  Assert<Same<Wire<typeof namespaceWire>, NamespaceInfo>>,
  Assert<Same<Wire<typeof namespaceUseWire>, NamespaceUse>>,
  Assert<Same<Wire<typeof stepWire>, StepRow>>,
  Assert<Same<Omit<Wire<typeof runDetailWire>, "namespace">, RunDetail>>,
  Assert<Same<Wire<typeof tagSuggestionsWire>["suggestions"][number], TagSuggestion>>,
  Assert<Same<Wire<typeof bulkOutcomeWire>, BulkOutcome>>,
  Assert<Same<Wire<typeof deployResultWire>, DeployResult>>,
  Assert<Same<Omit<Wire<typeof savedViewsWire>["views"][number], "href">, SavedViewRow>>,
  Assert<Same<Omit<Wire<typeof taskLogsWire>, "namespace" | "pathspec" | "stream">, TaskLogs>>,
  Assert<Same<Wire<typeof attemptWire>, Attempt>>,
  Assert<Same<Wire<typeof taskListRowWire>, TaskListRow>>,
  Assert<Same<Omit<Wire<typeof runDagWire>, "namespace" | "pathspec">, RunDag["dag"] & { layout: RunDag["layout"] }>>,
  Assert<Same<Wire<typeof runParametersWire>["parameters"][number], ParameterView>>,
  Assert<Same<Omit<Wire<typeof runTasksWire>, "namespace" | "pathspec">, Awaited<ReturnType<typeof listRunTasks>>>>,
  Assert<Same<Wire<typeof timelineWire>["tasks"][number], TimelineRow>>,
  Assert<Same<Omit<Wire<typeof timelineWire>, "namespace" | "pathspec" | "status">, Awaited<ReturnType<typeof timelinePage>>>>,
  Assert<Same<Omit<Wire<typeof taskDetailWire>, "namespace">, TaskDetail>>,
  Assert<Same<Wire<typeof taskDetailWire>["current"], FullTaskCurrent>>,
  Assert<Same<Omit<Wire<typeof taskArtifactsWire>, "namespace">, Awaited<ReturnType<typeof listTaskArtifacts>>>>,
  Assert<Same<Wire<typeof taskArtifactsWire>["artifacts"][number], TaskArtifactRow>>,
  Assert<Same<Wire<typeof picklePreviewWire>, PicklePreview>>,
  Assert<Same<Omit<Wire<typeof artifactPreviewWire>, "namespace">, Awaited<ReturnType<typeof artifactPreview>>>>,
  Assert<Same<Wire<typeof taskCardsWire>["cards"][number], CardView>>,
  Assert<Same<Exclude<Wire<typeof dashboardErrorWire>["error"]["code"], "internal">, ErrorCode>>,
  Assert<Same<keyof DeploymentHistory, "ts" | "kind" | "actor" | "source" | "message">>,
];
