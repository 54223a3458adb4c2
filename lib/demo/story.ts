// The demo tells the story of Metaflow's "Organizing Results" page: anne and
// will share PredictionFlow, FeatureFlow runs tagged xyz_features, HelloFlow
// runs tagged crazy_test and date:2020-06-01, a production deployment and a resume.
import type { RunSpec, StepSpec } from "./record-run";
import { PyFloat, PyTuple } from "../domain/pickle";
import { METAFLOW_CLIENT_ACTOR, type TagEditSource } from "../domain/tag-edit";

const f = (v: number) => new PyFloat(v);

const hello: StepSpec[] = [
  { name: "start", log: ["HelloFlow is starting."], artifacts: {} },
  { name: "hello", log: ["Metaflow says: Hi!"], artifacts: { message: "Hi!" } },
  { name: "end", log: ["HelloFlow is all done."], artifacts: {} },
];
const prediction: StepSpec[] = [
  {
    name: "start",
    log: ["Loading 12,480 rows of training data", "Split into 3 folds"],
    artifacts: { folds: [0, 1, 2], data_version: "2020-06-01", columns: new PyTuple(["age", "income", "score"]) },
  },
  {
    name: "train",
    tasks: 3,
    log: ["Training gradient boosted trees", "validation auc=0.912"],
    artifacts: {
      input: (k) => k,
      model: (k) => ({ kind: "gbt", fold: k, trees: 200, depth: 6 }),
      auc: (k) => f([0.905, 0.912, 0.897][k] ?? 0.9),
    },
  },
  { name: "join", log: ["Picking the best of 3 models"], artifacts: { best_model: { kind: "gbt", fold: 1, trees: 200, depth: 6 }, auc: f(0.912) } },
  { name: "end", log: ["Model registered"], artifacts: { model_uri: "models:/prediction/8" } },
];
const features: StepSpec[] = [
  { name: "start", log: ["Reading raw events"], artifacts: { source_table: "raw.events", tables: ["clicks", "views"] } },
  {
    name: "compute",
    tasks: 2,
    log: ["Computing xyz features", "wrote 48 columns"],
    artifacts: { input: (k) => ["clicks", "views"][k] ?? "clicks", features: 48 },
  },
  { name: "end", log: ["Features published"], artifacts: { feature_table: "features.xyz" } },
];

type GraphStepSpec = { name: string; type: string; next: string[]; foreach?: string; join?: string; doc: string };

/** The _graph_info Metaflow's graph.output_steps() records, for a flow of these steps. */
function graphInfo(file: string, steps: GraphStepSpec[], parameters: [string, string][]) {
  return {
    file,
    start_step: "start",
    end_step: "end",
    doc: "",
    parameters: parameters.map(([name, type]) => ({ name, type })),
    constants: [],
    decorators: [],
    extensions: {},
    steps: Object.fromEntries(
      steps.map((s) => [
        s.name,
        {
          name: s.name,
          type: s.type,
          line: 10,
          doc: s.doc,
          decorators: [],
          next: s.next,
          node_info: {},
          ...(s.foreach ? { foreach_artifact: s.foreach } : {}),
          ...(s.join ? { matching_join: s.join } : {}),
        },
      ]),
    ),
    graph_structure: steps.map((s) => s.name),
  };
}

const helloGraph = graphInfo(
  "helloflow.py",
  [
    { name: "start", type: "start", next: ["hello"], doc: "The start step." },
    { name: "hello", type: "linear", next: ["end"], doc: "Says hi." },
    { name: "end", type: "end", next: [], doc: "The end step." },
  ],
  [],
);
const predictionGraph = graphInfo(
  "predictionflow.py",
  [
    { name: "start", type: "split-foreach", next: ["train"], foreach: "folds", join: "join", doc: "Load the data, split into folds." },
    { name: "train", type: "linear", next: ["join"], doc: "Train one model per fold." },
    { name: "join", type: "join", next: ["end"], doc: "Pick the best model." },
    { name: "end", type: "end", next: [], doc: "Register the model." },
  ],
  [
    ["learning_rate", "float"],
    ["max_depth", "int"],
    ["model_name", "str"],
  ],
);
const featuresGraph = graphInfo(
  "featureflow.py",
  [
    { name: "start", type: "split-foreach", next: ["compute"], foreach: "tables", join: "end", doc: "Read raw events." },
    { name: "compute", type: "linear", next: ["end"], doc: "Compute the features of one table." },
    { name: "end", type: "join", next: [], doc: "Publish the features." },
  ],
  [["table", "str"]],
);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Runs in the order they happened; `now` anchors the timeline. */
export function demoRuns(now: number, productionToken: string): RunSpec[] {
  const ago = (ms: number) => now - ms;
  const P = {
    flow: "PredictionFlow",
    steps: prediction,
    graph: predictionGraph,
    cardStep: "join",
    parameters: { learning_rate: f(0.05), max_depth: 6, model_name: "gbt-baseline" },
  };
  const F = { flow: "FeatureFlow", steps: features, graph: featuresGraph, parameters: { table: "raw.events" } };
  const H = { flow: "HelloFlow", steps: hello, graph: helloGraph };
  return [
    { ...H, user: "anne", runNumber: 1, tags: ["crazy_test"], startedAt: ago(9 * DAY), outcome: "completed" },
    { ...H, user: "anne", runNumber: 2, tags: ["crazy_test", "date:2020-06-01"], startedAt: ago(8 * DAY), outcome: "completed" },
    { ...H, user: "will", runNumber: 3, tags: ["date:2020-06-01"], startedAt: ago(8 * DAY - HOUR), outcome: "completed" },
    // will adds date:2020-06-01 to run 4 from his notebook (demoTagEdits).
    { ...H, user: "will", runNumber: 4, tags: ["crazy_test"], startedAt: ago(7 * DAY), outcome: "completed" },
    { ...H, user: "anne", runNumber: 5, tags: ["crazy_test"], startedAt: ago(6 * DAY), outcome: "failed", failAtStep: "hello" },
    { ...H, user: "will", runNumber: 6, tags: ["crazy_test"], startedAt: ago(6 * DAY - 2 * HOUR), outcome: "completed", originRunId: "5" },
    { ...F, user: "will", runNumber: 28, tags: ["xyz_features"], startedAt: ago(5 * DAY), outcome: "completed" },
    { ...F, user: "anne", runNumber: 29, tags: ["abc_features"], startedAt: ago(5 * DAY - HOUR), outcome: "completed" },
    { ...F, user: "will", runNumber: 31, tags: ["xyz_features"], startedAt: ago(4 * DAY), outcome: "failed", failAtStep: "compute" },
    { ...F, user: "will", runNumber: 33, tags: ["xyz_features"], startedAt: ago(3 * DAY), outcome: "completed" },
    { ...F, user: "anne", runNumber: 34, tags: ["xyz_features"], startedAt: ago(2 * DAY), outcome: "completed" },
    { ...P, user: "anne", runNumber: 1, startedAt: ago(4 * DAY), outcome: "completed" },
    { ...P, user: "will", runNumber: 2, startedAt: ago(4 * DAY - 3 * HOUR), outcome: "completed" },
    { ...P, user: "anne", runNumber: 3, tags: ["baseline"], startedAt: ago(3 * DAY), outcome: "completed" },
    { ...P, user: "anne", runNumber: 4, productionToken, startedAt: ago(3 * DAY - HOUR), outcome: "completed" },
    { ...P, user: "will", runNumber: 5, tags: ["experiment:lr-sweep"], startedAt: ago(2 * DAY), outcome: "completed" },
    { ...P, user: "anne", runNumber: 6, productionToken, startedAt: ago(DAY), outcome: "completed" },
    { ...P, user: "anne", runNumber: 7, tags: ["experiment:lr-sweep"], startedAt: ago(20 * HOUR), outcome: "failed", failAtStep: "train" },
    // anne tags run 8 "candidate" once it has finished (demoTagEdits).
    { ...P, user: "anne", runNumber: 8, tags: ["experiment:lr-sweep"], startedAt: ago(3 * HOUR), outcome: "completed" },
    { ...P, user: "anne", runNumber: 9, productionToken, startedAt: ago(2 * 60_000), outcome: "running", failAtStep: "train" },
  ];
}

export type TagEditSpec = { at: number; flow: string; run: string; add: string[]; remove: string[]; user: string; source: TagEditSource };

/** Tag changes after the runs, so the tag history and the Audit page have a story too. */
export function demoTagEdits(now: number): TagEditSpec[] {
  return [
    { at: now - 7 * DAY + HOUR, flow: "HelloFlow", run: "4", add: ["date:2020-06-01"], remove: [], user: METAFLOW_CLIENT_ACTOR, source: "metadata-api" },
    { at: now - 2 * HOUR, flow: "PredictionFlow", run: "8", add: ["candidate"], remove: [], user: "anne", source: "ui" },
  ];
}
