// Writes a whole fixture through a database-specific bulk writer: secondary
// indexes of runs and run_tags are dropped first and rebuilt at the end (a
// sorted build is far faster than millions of random index inserts), then the
// tables are analyzed. tag_stats, flows.last_run_number and the production
// tables are derived from the same rows, so they agree with run_tags.
import { fixtureFlows, fixtureRuns, type FixtureFlow, type FixtureRun, type FixtureSpec } from "./fixture";
import { SPAN_MS } from "./vocabulary";

// 2: run_tags.owner. 4: run_tag_sets filled on PostgreSQL (its bulk load keeps triggers quiet).
export const FIXTURE_VERSION = 4;

export type TagStatRow = { tag: string; system: boolean; runCount: number; lastTs: number };
export type DeploymentRows = {
  deployments: { id: number; flowId: number; token: string; deployedBy: string; createdTs: number; updatedTs: number; version: number }[];
  authorizations: { deploymentId: number; userName: string; grantedTs: number }[];
  tokens: { id: number; deploymentId: number; token: string; createdTs: number; createdBy: string; replacedTs: number | null }[];
  /** Production events, as the audit history stores them. */
  audit: { id: number; ts: number; actor: string; kind: string; subject: string; detail: string }[];
};

export interface BulkWriter {
  begin(spec: FixtureSpec): Promise<void>;
  flows(flows: FixtureFlow[], lastRunNumbers: Map<number, number>): Promise<void>;
  runs(batch: FixtureRun[]): Promise<void>;
  tagStats(rows: TagStatRow[]): Promise<void>;
  deployments(rows: DeploymentRows): Promise<void>;
  /** Rebuilds indexes, analyzes and marks the fixture complete. */
  finish(spec: FixtureSpec): Promise<void>;
}

export async function writeFixture(writer: BulkWriter, spec: FixtureSpec, log: (s: string) => void) {
  const flows = fixtureFlows(spec);
  const stats = new Map<string, TagStatRow>();
  const lastRunNumbers = new Map<number, number>();
  await writer.begin(spec);
  let pending: Promise<void> = Promise.resolve();
  let written = 0;
  let nextReport = 100_000;
  for (const batch of fixtureRuns(spec, flows)) {
    for (const run of batch) {
      lastRunNumbers.set(run.flowId, run.runNumber);
      for (const t of run.tags) {
        const s = stats.get(t.tag);
        if (s) {
          s.runCount++;
          if (run.createdTs > s.lastTs) s.lastTs = run.createdTs;
        } else stats.set(t.tag, { tag: t.tag, system: t.system, runCount: 1, lastTs: run.createdTs });
      }
    }
    // The next batch is generated while the database takes this one.
    await pending;
    pending = writer.runs(batch);
    written += batch.length;
    if (written >= nextReport) {
      log(`  ${written.toLocaleString("en")} runs`);
      nextReport += 100_000;
    }
  }
  await pending;
  await writer.flows(flows, lastRunNumbers);
  await writer.tagStats([...stats.values()]);
  await writer.deployments(deploymentRows(flows, spec));
  log("  rebuilding indexes and analyzing");
  await writer.finish(spec);
}

function deploymentRows(flows: FixtureFlow[], spec: FixtureSpec): DeploymentRows {
  const rows: DeploymentRows = { deployments: [], authorizations: [], tokens: [], audit: [] };
  for (const f of flows.filter((x) => x.tokens.length)) {
    const id = rows.deployments.length + 1;
    const createdTs = f.createdTs + 60_000;
    const token = f.tokens.at(-1)!;
    rows.deployments.push({ id, flowId: f.id, token, deployedBy: f.owner, createdTs, updatedTs: spec.nowMs - 86_400_000, version: f.tokens.length - 1 });
    rows.authorizations.push({ deploymentId: id, userName: f.owner, grantedTs: createdTs });
    const event = (kind: string, message: string, t: string, ts: number) => {
      rows.audit.push({ id: rows.audit.length + 1, ts, actor: f.owner, kind, subject: f.name, detail: JSON.stringify({ message, token: t }) });
      const previous = rows.tokens.at(-1);
      if (previous?.deploymentId === id) previous.replacedTs = ts;
      rows.tokens.push({ id: rows.tokens.length + 1, deploymentId: id, token: t, createdTs: ts, createdBy: f.owner, replacedTs: null });
    };
    event("deploy", `First deployment of ${f.name}: new token and namespace production:${f.tokens[0]}.`, f.tokens[0], createdTs);
    if (f.tokens.length > 1) {
      event(
        "rotate",
        `New production token for ${f.name}: new runs go to production:${token}; earlier runs stay in production:${f.tokens[0]}.`,
        token,
        spec.nowMs - (spec.spanMs ?? SPAN_MS) / 2,
      );
    }
  }
  return rows;
}
