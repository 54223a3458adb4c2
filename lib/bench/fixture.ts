// The benchmark fixture as plain rows: flows, runs and their tags, exactly as
// the data layer (lib/data/ingest.ts, run-tags-write.ts) would have stored
// them. Deterministic for a given seed and "now".
import { ownerOf, tagRows, type RunTagRow } from "../data/run-tags-write";
import { rng, zipf, weighted } from "./random";
import { USERS, FLOWS, isProductionFlow, WORDS, MODELS, TEAMS, DATASETS, TICKETS, PYTHON_VERSIONS, METAFLOW_VERSIONS, SPAN_MS } from "./vocabulary";

/** spanMs: how far back the runs go (default two years); tests use days so some runs are still running. */
export type FixtureSpec = { runs: number; seed: number; nowMs: number; spanMs?: number };

export type FixtureFlow = {
  id: number;
  name: string;
  owner: string;
  createdTs: number;
  systemTags: string[];
  /** Production tokens, oldest first (the first flow rotated its token half-way). */
  tokens: string[];
};

export type FixtureRun = {
  id: number;
  flowId: number;
  flowName: string;
  runNumber: number;
  userName: string;
  createdTs: number;
  lastHeartbeatTs: number | null;
  originRunId: string | null;
  endStatus: string | null;
  finishedTs: number | null;
  tags: RunTagRow[];
  /** run_tags.owner of every tag row (see lib/data/run-tags-write.ts). */
  owner: string | null;
};

const TOKEN_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

export function fixtureFlows(spec: FixtureSpec): FixtureFlow[] {
  const r = rng(spec.seed ^ 0x5eed);
  const token = (name: string) => `${name.toLowerCase().slice(0, 20)}-${Array.from({ length: 16 }, () => TOKEN_ALPHABET[Math.floor(r() * 32)]).join("")}`;
  return FLOWS.map((name, i) => {
    const owner = USERS[i % USERS.length];
    const tokens = isProductionFlow(i) ? (i === 0 ? [token(name), token(name)] : [token(name)]) : [];
    return {
      id: i + 1,
      name,
      owner,
      createdTs: spec.nowMs - (spec.spanMs ?? SPAN_MS) - 3_600_000 + i * 1000,
      tokens,
      systemTags: [`user:${owner}`, "runtime:dev", `python_version:${PYTHON_VERSIONS[3]}`, `metaflow_version:${METAFLOW_VERSIONS[0]}`],
    };
  });
}

export function supportsHeartbeat(metaflowVersion: string): boolean {
  return metaflowVersion !== METAFLOW_VERSIONS[0];
}

/** The runs in creation order (ids ascend with time), in batches. */
export function* fixtureRuns(spec: FixtureSpec, flows: FixtureFlow[], batchSize = 10_000): Generator<FixtureRun[]> {
  const r = rng(spec.seed);
  const pickUser = zipf(USERS.length, 0.8);
  const pickFlow = zipf(flows.length, 1);
  const pickWord = zipf(WORDS.length, 1.1);
  const pickModel = zipf(MODELS.length, 1);
  const pickDataset = zipf(DATASETS, 1);
  const pickKind = weighted({ word: 50, model: 14, date: 12, team: 8, dataset: 8, ticket: 6, unique: 2 });
  const production = flows.filter((f) => f.tokens.length);
  const homes = USERS.map((_, u) => flows.filter((__, k) => k % USERS.length === u));
  const runNumbers = new Int32Array(flows.length + 1);
  const span = spec.spanMs ?? SPAN_MS;
  const start = spec.nowMs - span;
  const step = span / spec.runs;
  const nowS = Math.floor(spec.nowMs / 1000);
  let batch: FixtureRun[] = [];

  for (let i = 0; i < spec.runs; i++) {
    const id = i + 1;
    const createdTs = Math.floor(start + (i + r() * 0.9) * step);
    const progress = i / spec.runs;
    const isProd = r() < 0.06;
    let flow: FixtureFlow;
    let owner: string;
    if (isProd) {
      flow = production[Math.floor(r() * production.length)];
      owner = `production:${flow.tokens.length > 1 && progress >= 0.5 ? flow.tokens[1] : flow.tokens[0]}`;
    } else {
      const u = pickUser(r());
      const home = homes[u];
      flow = r() < 0.6 && home.length ? home[Math.floor(r() * home.length)] : flows[pickFlow(r())];
      owner = `user:${USERS[u]}`;
    }
    const userName = isProd ? flow.owner : owner.slice("user:".length);
    const runNumber = ++runNumbers[flow.id];
    const userIndex = USERS.indexOf(userName);
    const mf = METAFLOW_VERSIONS[Math.min(METAFLOW_VERSIONS.length - 1, Math.max(0, Math.floor(progress * METAFLOW_VERSIONS.length) - (r() < 0.2 ? 1 : 0)))];
    const py = PYTHON_VERSIONS[(userIndex + (progress > 0.5 ? 1 : 0)) % PYTHON_VERSIONS.length];
    const system = [owner, isProd ? "runtime:argo-workflows" : "runtime:dev", `python_version:${py}`, `metaflow_version:${mf}`];

    const user = new Set<string>();
    const count = r() < 0.45 ? 1 : r() < 0.64 ? 2 : 3;
    for (let k = 0; k < count; k++) {
      switch (pickKind(r())) {
        case "word":
          user.add(WORDS[pickWord(r())]);
          break;
        case "model":
          user.add(`model:${MODELS[pickModel(r())]}`);
          break;
        case "date":
          user.add(`date:${new Date(createdTs).toISOString().slice(0, 10)}`);
          break;
        case "team":
          user.add(`team:${TEAMS[r() < 0.8 ? userIndex % TEAMS.length : Math.floor(r() * TEAMS.length)]}`);
          break;
        case "dataset":
          user.add(`dataset:v${pickDataset(r()) + 1}`);
          break;
        case "ticket":
          user.add(`ticket:FD-${Math.floor(r() * TICKETS) + 1}`);
          break;
        case "unique":
          user.add(`exp-${id.toString(36)}`);
          break;
      }
    }

    const beats = supportsHeartbeat(mf);
    let endStatus: string | null = null;
    let finishedTs: number | null = null;
    let lastHeartbeatTs: number | null = null;
    const age = spec.nowMs - createdTs;
    const outcome = r();
    if (age < 2 * 3_600_000 && outcome < 0.5) {
      // Still running: a heartbeat within the last five minutes; some retry the end step.
      endStatus = outcome < 0.05 ? "retrying" : null;
      lastHeartbeatTs = nowS - Math.floor(r() * 300);
    } else {
      const duration = Math.min(Math.floor(30_000 * Math.exp(r() * 6)), Math.max(1000, age - 1000));
      if (outcome < 0.89) endStatus = "completed";
      else if (outcome < 0.96) endStatus = "failed";
      if (endStatus) finishedTs = createdTs + duration;
      // Crashed runs (no end status) stopped heartbeating part-way.
      const lastSign = endStatus ? createdTs + duration : createdTs + Math.floor(duration * r());
      lastHeartbeatTs = beats ? Math.floor(lastSign / 1000) : null;
    }
    const originRunId = runNumber > 1 && r() < 0.01 ? String(1 + Math.floor(r() * (runNumber - 1))) : null;

    const tags = tagRows([...user], system);
    batch.push({
      id,
      flowId: flow.id,
      flowName: flow.name,
      runNumber,
      userName,
      createdTs,
      lastHeartbeatTs,
      originRunId,
      endStatus,
      finishedTs,
      tags,
      owner: ownerOf(tags.map((t) => t.tag)),
    });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
