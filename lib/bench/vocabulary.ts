// Names and tags of the benchmark fixture. bench:list draws its query
// parameters from the same lists, so every query asks for something that exists.

export const USERS = [
  "anne",
  "will",
  "maria",
  "chen",
  "omar",
  "sofia",
  "lucas",
  "aiko",
  "priya",
  "jonas",
  "fatima",
  "noah",
  "elena",
  "kofi",
  "mei",
  "diego",
  "sara",
  "ivan",
  "lena",
  "raj",
];

const FLOW_STEMS = [
  "Prediction",
  "Feature",
  "Training",
  "Scoring",
  "Ingest",
  "Ranking",
  "Forecast",
  "Embedding",
  "Churn",
  "Fraud",
  "Pricing",
  "Recommend",
  "Segment",
  "Anomaly",
  "Label",
  "Evaluate",
  "Backfill",
  "Report",
  "Sentiment",
  "Vision",
  "Translate",
  "Search",
  "Cluster",
  "Demand",
  "Inventory",
  "Route",
  "Survival",
  "Attribution",
  "Uplift",
  "Topic",
  "Summarize",
  "Detect",
  "Caption",
  "Speech",
  "Tabular",
  "Graph",
  "Causal",
  "Bandit",
  "Calibrate",
  "Distill",
  "Quantize",
  "Sweep",
  "Ensemble",
  "Explain",
  "Drift",
  "Monitor",
  "Audit",
  "Export",
  "Snapshot",
  "Hello",
];
export const FLOWS = FLOW_STEMS.map((s) => `${s}Flow`);

/** Flows deployed to production (every eighth). */
export const isProductionFlow = (flowIndex: number) => flowIndex % 8 === 0;

/** Plain user tags, most common first (drawn with a Zipf law). */
export const WORDS = [
  "nightly",
  "experiment",
  "baseline",
  "xyz_features",
  "crazy_test",
  "hyperparam_sweep",
  "ab_test",
  "backfill",
  "regression",
  "smoke",
  "gpu",
  "large_data",
  "debug",
  "candidate",
  "champion",
  "retrain",
  "warm_start",
  "quick",
  "full_data",
  "ablation",
  "holdout",
  "v2",
  "canary",
  "prod_shadow",
  "sanity",
  "profiling",
  "notebook",
  "scheduled",
  "manual",
  "legacy",
];
export const MODELS = ["xgb", "lgbm", "resnet", "bert", "linear", "prophet", "catboost", "gpt2"];
export const TEAMS = ["ranking", "growth", "risk", "vision", "platform", "forecasting"];
export const DATASETS = 40;
export const TICKETS = 20_000;

export const PYTHON_VERSIONS = ["3.8.18", "3.9.19", "3.10.14", "3.11.7", "3.12.3"];
/** Oldest first; 2.2.10 predates run heartbeats (Metaflow 2.2.12). */
export const METAFLOW_VERSIONS = ["2.2.10", "2.7.14", "2.8.6", "2.9.15", "2.10.11", "2.11.16", "2.12.5", "2.13.9", "2.15.7"];

export const DAY_MS = 86_400_000;
/** The fixture's runs span this long, ending at generation time. */
export const SPAN_MS = 730 * DAY_MS;
