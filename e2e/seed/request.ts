// What a journey asks e2e/seed/cli.ts to seed.
export type SeedRun = {
  flow: string;
  user: string;
  /** The demo flow whose steps, logs and artifacts the run has; "bare": a run without steps. */
  shape: "HelloFlow" | "PredictionFlow" | "FeatureFlow" | "bare";
  runNumber?: number;
  tags?: string[];
  outcome?: "completed" | "failed" | "running";
  failAtStep?: string;
  /** A run of the flow's production deployment (listed in deployments). */
  production?: boolean;
  startedMinutesAgo?: number;
};

export type SeedRequest = {
  /** Deployed (first deployment, by `user` from the CLI) before the runs are recorded. */
  deployments?: { flow: string; user: string }[];
  runs?: SeedRun[];
};

export type SeedResult = { tokens: Record<string, string>; runs: string[] };
