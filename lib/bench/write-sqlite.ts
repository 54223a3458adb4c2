// Bulk writer for SQLite: better-sqlite3 directly, multi-row INSERTs in one
// transaction, no journal while loading, WAL again afterwards (as the app runs it).
import Database from "better-sqlite3";
import type { BulkWriter } from "./writer";
import { FIXTURE_VERSION } from "./writer";

type Row = unknown[];

/** Inserts rows with statements of `chunk` rows each (one prepared statement per size). */
function inserter(db: Database.Database, table: string, columns: string[], chunk: number) {
  const statements = new Map<number, Database.Statement>();
  const statement = (n: number) => {
    let s = statements.get(n);
    if (!s) {
      const one = `(${columns.map(() => "?").join(", ")})`;
      s = db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${Array(n).fill(one).join(", ")}`);
      statements.set(n, s);
    }
    return s;
  };
  return (rows: Row[]) => {
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      statement(part.length).run(part.flat());
    }
  };
}

const bool = (b: boolean) => (b ? 1 : 0);

/** ANALYZE with sampling (what PRAGMA optimize does): seconds instead of minutes on millions of rows. */
export function analyze(db: Database.Database) {
  db.pragma("analysis_limit = 2000");
  db.exec("ANALYZE");
}

export function sqliteWriter(file: string): BulkWriter & { close(): void } {
  const db = new Database(file);
  let indexes: { name: string; sql: string }[] = [];
  const insertRuns = inserter(
    db,
    "runs",
    ["id", "flow_id", "flow_name", "run_number", "user_name", "created_ts", "last_heartbeat_ts", "origin_run_id", "end_status", "finished_ts"],
    200,
  );
  const insertTags = inserter(db, "run_tags", ["run_id", "tag", "system", "created_ts", "flow_id", "owner"], 400);

  return {
    async begin(spec) {
      db.pragma("journal_mode = OFF");
      db.pragma("synchronous = OFF");
      db.pragma("foreign_keys = OFF");
      db.pragma("cache_size = -1000000");
      db.exec("CREATE TABLE IF NOT EXISTS bench_fixture (runs INTEGER, seed INTEGER, now_ms REAL, version INTEGER, complete INTEGER)");
      db.prepare("INSERT INTO bench_fixture VALUES (?, ?, ?, ?, 0)").run(spec.runs, spec.seed, spec.nowMs, FIXTURE_VERSION);
      indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('runs', 'run_tags') AND sql IS NOT NULL").all() as {
        name: string;
        sql: string;
      }[];
      for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`);
      db.exec("BEGIN");
    },
    async runs(batch) {
      insertRuns(
        batch.map((r) => [r.id, r.flowId, r.flowName, r.runNumber, r.userName, r.createdTs, r.lastHeartbeatTs, r.originRunId, r.endStatus, r.finishedTs]),
      );
      insertTags(batch.flatMap((r) => r.tags.map((t) => [r.id, t.tag, bool(t.system), r.createdTs, r.flowId, r.owner])));
    },
    async flows(flows, last) {
      const insert = inserter(db, "flows", ["id", "name", "user_name", "created_ts", "tags", "system_tags", "last_run_number"], 50);
      insert(flows.map((f) => [f.id, f.name, f.owner, f.createdTs, "[]", JSON.stringify(f.systemTags), last.get(f.id) ?? 0]));
    },
    async tagStats(rows) {
      inserter(db, "tag_stats", ["tag", "system", "run_count", "last_ts"], 500)(rows.map((s) => [s.tag, bool(s.system), s.runCount, s.lastTs]));
    },
    async deployments({ deployments, authorizations, tokens, audit }) {
      inserter(
        db,
        "deployments",
        ["id", "flow_id", "token", "deployed_by", "created_ts", "updated_ts", "version"],
        50,
      )(deployments.map((d) => [d.id, d.flowId, d.token, d.deployedBy, d.createdTs, d.updatedTs, d.version]));
      inserter(
        db,
        "deployment_authorizations",
        ["deployment_id", "user_name", "granted_ts"],
        50,
      )(authorizations.map((a) => [a.deploymentId, a.userName, a.grantedTs]));
      inserter(
        db,
        "deployment_tokens",
        ["id", "deployment_id", "token", "created_ts", "created_by", "replaced_ts"],
        50,
      )(tokens.map((t) => [t.id, t.deploymentId, t.token, t.createdTs, t.createdBy, t.replacedTs]));
      inserter(
        db,
        "audit_events",
        ["id", "ts", "actor", "source", "kind", "subject", "detail"],
        50,
      )(audit.map((e) => [e.id, e.ts, e.actor, "ui", e.kind, e.subject, e.detail]));
    },
    async finish() {
      db.exec("COMMIT");
      for (const i of indexes) db.exec(i.sql);
      analyze(db);
      db.exec("UPDATE bench_fixture SET complete = 1");
      db.pragma("journal_mode = WAL");
    },
    close: () => db.close(),
  };
}
