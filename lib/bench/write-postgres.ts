// Bulk writer for PostgreSQL: one INSERT … SELECT FROM unnest(arrays) per
// batch (tens of thousands of rows a statement, no extra dependency), foreign
// key triggers off while loading when the role may do so, then VACUUM ANALYZE
// so the planner and index-only scans see the steady state autovacuum would give.
import pg from "pg";
import type { BulkWriter } from "./writer";
import { FIXTURE_VERSION } from "./writer";

type Column = [name: string, type: string];

async function insertColumns(client: pg.Client, table: string, columns: Column[], rows: unknown[][]) {
  if (!rows.length) return;
  const arrays = columns.map((_, i) => rows.map((r) => r[i]));
  const list = columns.map(([n]) => n).join(", ");
  const unnest = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(", ");
  await client.query(`INSERT INTO ${table} (${list}) SELECT * FROM unnest(${unnest})`, arrays);
}

const RUN_COLUMNS: Column[] = [
  ["id", "int"],
  ["flow_id", "int"],
  ["flow_name", "text"],
  ["run_number", "int"],
  ["user_name", "text"],
  ["created_ts", "float8"],
  ["last_heartbeat_ts", "float8"],
  ["origin_run_id", "text"],
  ["end_status", "text"],
  ["finished_ts", "float8"],
];
const TAG_COLUMNS: Column[] = [
  ["run_id", "int"],
  ["tag", "text"],
  ["system", "bool"],
  ["created_ts", "float8"],
  ["flow_id", "int"],
  ["owner", "text"],
];

export function postgresWriter(url: string): BulkWriter & { close(): Promise<void> } {
  const client = new pg.Client({ connectionString: url });
  let indexes: { indexname: string; indexdef: string }[] = [];

  return {
    async begin(spec) {
      await client.connect();
      await client.query("SET maintenance_work_mem = '1GB'");
      await client.query("SET session_replication_role = replica").catch(() => undefined);
      await client.query("CREATE TABLE IF NOT EXISTS bench_fixture (runs INTEGER, seed INTEGER, now_ms DOUBLE PRECISION, version INTEGER, complete BOOLEAN)");
      await client.query("INSERT INTO bench_fixture VALUES ($1, $2, $3, $4, false)", [spec.runs, spec.seed, spec.nowMs, FIXTURE_VERSION]);
      ({ rows: indexes } = await client.query(`
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename IN ('runs', 'run_tags')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`));
      for (const i of indexes) await client.query(`DROP INDEX "${i.indexname}"`);
    },
    async runs(batch) {
      await insertColumns(
        client,
        "runs",
        RUN_COLUMNS,
        batch.map((r) => [r.id, r.flowId, r.flowName, r.runNumber, r.userName, r.createdTs, r.lastHeartbeatTs, r.originRunId, r.endStatus, r.finishedTs]),
      );
      await insertColumns(
        client,
        "run_tags",
        TAG_COLUMNS,
        batch.flatMap((r) => r.tags.map((t) => [r.id, t.tag, t.system, r.createdTs, r.flowId, r.owner])),
      );
    },
    async flows(flows, last) {
      await insertColumns(
        client,
        "flows",
        [
          ["id", "int"],
          ["name", "text"],
          ["user_name", "text"],
          ["created_ts", "float8"],
          ["tags", "text"],
          ["system_tags", "text"],
          ["last_run_number", "int"],
        ],
        flows.map((f) => [f.id, f.name, f.owner, f.createdTs, "[]", JSON.stringify(f.systemTags), last.get(f.id) ?? 0]),
      );
    },
    async tagStats(rows) {
      await insertColumns(
        client,
        "tag_stats",
        [
          ["tag", "text"],
          ["system", "bool"],
          ["run_count", "int"],
          ["last_ts", "float8"],
        ],
        rows.map((s) => [s.tag, s.system, s.runCount, s.lastTs]),
      );
    },
    async deployments({ deployments, authorizations, tokens, audit }) {
      await insertColumns(
        client,
        "deployments",
        [
          ["id", "int"],
          ["flow_id", "int"],
          ["token", "text"],
          ["deployed_by", "text"],
          ["created_ts", "float8"],
          ["updated_ts", "float8"],
          ["version", "int"],
        ],
        deployments.map((d) => [d.id, d.flowId, d.token, d.deployedBy, d.createdTs, d.updatedTs, d.version]),
      );
      await insertColumns(
        client,
        "deployment_authorizations",
        [
          ["deployment_id", "int"],
          ["user_name", "text"],
          ["granted_ts", "float8"],
        ],
        authorizations.map((a) => [a.deploymentId, a.userName, a.grantedTs]),
      );
      await insertColumns(
        client,
        "deployment_tokens",
        [
          ["id", "int"],
          ["deployment_id", "int"],
          ["token", "text"],
          ["created_ts", "float8"],
          ["created_by", "text"],
          ["replaced_ts", "float8"],
        ],
        tokens.map((t) => [t.id, t.deploymentId, t.token, t.createdTs, t.createdBy, t.replacedTs]),
      );
      await insertColumns(
        client,
        "audit_events",
        [
          ["id", "int"],
          ["ts", "float8"],
          ["actor", "text"],
          ["source", "text"],
          ["kind", "text"],
          ["subject", "text"],
          ["detail", "text"],
        ],
        audit.map((e) => [e.id, e.ts, e.actor, "ui", e.kind, e.subject, e.detail]),
      );
    },
    async finish() {
      await client.query("SET session_replication_role = DEFAULT").catch(() => undefined);
      // The replica role kept run_tags' triggers quiet: the runs' tag sets in one statement, as migration 0011 fills them.
      await client.query(`INSERT INTO run_tag_sets (run_id, tags_json)
        SELECT run_id, json_agg(json_build_array(tag, system))::text FROM run_tags GROUP BY run_id`);
      for (const i of indexes) await client.query(i.indexdef);
      for (const table of ["flows", "runs", "deployments", "deployment_tokens", "audit_events"]) {
        await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT MAX(id) FROM ${table}), 1))`);
      }
      await client.query("VACUUM (ANALYZE) runs, run_tags, run_tag_sets, tag_stats, flows");
      await client.query("UPDATE bench_fixture SET complete = true");
    },
    close: () => client.end(),
  };
}
