import "server-only";
// The filtered, cursor-paginated runs of one flow (Metaflow service ≥ 2.5's
// `GET /flows/{f}/runs?field:op=…&_tags:any=…&_limit=…&_cursor=…`), ordered
// ts_epoch DESC, run_number DESC. The same SQL runs on SQLite and PostgreSQL.
import type { Db } from "../db";
import type { RunStatus } from "../domain/status";
import { sql, join, Prisma } from "./sql";
import { statusCondition } from "./runs-read";
import type { RunView } from "./objects-read";
import { queryArrays } from "./driver";
import { RUN_COLUMNS, runTagsColumn, toRunRecordOfArray } from "./run-record";

export const RUN_FIELDS = [
  "run_number", "run_id", "user_name", "ts_epoch", "last_heartbeat_ts", "tags", "system_tags", "user", "status",
] as const;
export type RunField = (typeof RUN_FIELDS)[number];
export const OPERATORS = ["eq", "ne", "lt", "le", "gt", "ge", "co", "sw", "ew", "li", "is"] as const;
export type Operator = (typeof OPERATORS)[number];

/** One `field:op=v1,v2` term: the values are OR-ed; null means SQL NULL. */
export type FieldTerm = { field: RunField; op: Operator; values: (string | number | null)[] };

export type RunListQuery = {
  tagsAll: string[];
  tagsAny: string[];
  likeAll: string[];
  likeAny: string[];
  terms: FieldTerm[];
  limit: number;
  cursor?: { ts: number; runNumber: number };
};

const COMPARE: Record<Exclude<Operator, "co" | "sw" | "ew" | "li" | "is">, string> = {
  eq: "=", ne: "<>", lt: "<", le: "<=", gt: ">", ge: ">=",
};

/** The value taken literally in a LIKE pattern (with ESCAPE '\\'). */
const literal = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * co/sw/ew match the value as written; li is the client's own pattern, whose
 * % and _ are wildcards (a backslash in it is a backslash).
 */
function likePattern(op: Operator, v: string): string {
  if (op === "co") return `%${literal(v)}%`;
  if (op === "sw") return `${literal(v)}%`;
  if (op === "ew") return `%${literal(v)}`;
  return v.replace(/\\/g, "\\\\");
}

const like = (column: Prisma.Sql, pattern: string) => sql`LOWER(${column}) LIKE LOWER(${pattern}) ESCAPE '\\'`;

/** A condition on a plain column; the parser has checked op and value types. */
function columnCondition(column: Prisma.Sql, op: Operator, v: string | number | null): Prisma.Sql {
  if (v === null) return op === "ne" ? sql`${column} IS NOT NULL` : sql`${column} IS NULL`;
  if (op === "co" || op === "sw" || op === "ew" || op === "li") {
    return like(column, likePattern(op, String(v)));
  }
  return sql`${column} ${Prisma.raw(COMPARE[op as keyof typeof COMPARE])} ${v}`;
}

function tagCondition(system: boolean, op: Operator, v: string | number | null): Prisma.Sql {
  const kind = sql`x.run_id = r.id AND x.system = ${system}`;
  if (v === null) {
    const none = sql`NOT EXISTS (SELECT 1 FROM run_tags x WHERE ${kind})`;
    return op === "ne" ? sql`NOT (${none})` : none;
  }
  const match = op === "eq" || op === "ne" ? sql`x.tag = ${String(v)}` : like(sql`x.tag`, likePattern(op, String(v)));
  const exists = sql`EXISTS (SELECT 1 FROM run_tags x WHERE ${kind} AND ${match})`;
  return op === "ne" ? sql`NOT ${exists}` : exists;
}

function verifiedOwner(user: Prisma.Sql): Prisma.Sql {
  return sql`EXISTS (SELECT 1 FROM run_tags x WHERE x.run_id = r.id AND x.system = ${true} AND x.tag = ${sql`'user:' || ${user}`})`;
}

function termValueCondition(t: FieldTerm, v: string | number | null, now: number): Prisma.Sql {
  switch (t.field) {
    case "run_number": return columnCondition(sql`r.run_number`, t.op, v);
    case "run_id": return columnCondition(sql`r.run_id`, t.op, v);
    case "user_name": return columnCondition(sql`r.user_name`, t.op, v);
    case "ts_epoch": return columnCondition(sql`r.created_ts`, t.op, v);
    case "last_heartbeat_ts": return columnCondition(sql`r.last_heartbeat_ts`, t.op, v);
    case "tags": return tagCondition(false, t.op, v);
    case "system_tags": return tagCondition(true, t.op, v);
    case "user": {
      const owned = v === null ? sql`NOT ${verifiedOwner(sql`r.user_name`)}` : sql`(r.user_name = ${v} AND ${verifiedOwner(sql`r.user_name`)})`;
      return t.op === "ne" ? sql`NOT ${owned}` : owned;
    }
    case "status": {
      const is = statusCondition(v as RunStatus, now, Prisma.raw("r"));
      return t.op === "ne" ? sql`NOT ${is}` : is;
    }
  }
}

function conditions(q: RunListQuery, flowId: Prisma.Sql, now: number): Prisma.Sql[] {
  const out: Prisma.Sql[] = [sql`r.flow_id = ${flowId}`];
  const has = (match: Prisma.Sql) => sql`EXISTS (SELECT 1 FROM run_tags x WHERE x.run_id = r.id AND ${match})`;
  for (const tag of q.tagsAll) out.push(has(sql`x.tag = ${tag}`));
  if (q.tagsAny.length) out.push(has(sql`x.tag IN (${join(q.tagsAny)})`));
  for (const part of q.likeAll) out.push(has(like(sql`x.tag`, likePattern("co", part))));
  if (q.likeAny.length) {
    out.push(has(sql`(${join(q.likeAny.map((p) => like(sql`x.tag`, likePattern("co", p))), " OR ")})`));
  }
  for (const t of q.terms) out.push(sql`(${join(t.values.map((v) => termValueCondition(t, v, now)), " OR ")})`);
  if (q.cursor) {
    out.push(sql`(r.created_ts < ${q.cursor.ts} OR (r.created_ts = ${q.cursor.ts} AND r.run_number < ${q.cursor.runNumber}))`);
  }
  return out;
}

/**
 * Pages filtered by a few conditions (the plain page, a cursor, a tag or two)
 * are named statements: PostgreSQL plans an unnamed one on every call (about
 * 1 ms here). Rarer, longer filters stay unnamed so that each connection does
 * not keep a prepared statement for every shape a client ever sent.
 */
const NAMED_SHAPE_CONDITIONS = 4;

/**
 * One statement: the flow (no row: it does not exist), its page of ids (one
 * more than the limit: is there a next page?), then their rows and tags.
 */
export function flowRunsPageStatement(flow: string, q: RunListQuery, now: number): { statement: Prisma.Sql; named: boolean } {
  const where = conditions(q, sql`(SELECT id FROM f)`, now);
  const statement = sql`WITH f AS MATERIALIZED (SELECT id FROM flows WHERE name = ${flow}),
    page AS (SELECT r.id, r.created_ts, r.run_number FROM runs r WHERE ${join(where, " AND ")}
      ORDER BY r.created_ts DESC, r.run_number DESC LIMIT ${q.limit + 1})
    SELECT ${RUN_COLUMNS}, ${runTagsColumn()} FROM f LEFT JOIN page p ON 1 = 1 LEFT JOIN runs r ON r.id = p.id
    ORDER BY p.created_ts DESC, p.run_number DESC`;
  return { statement, named: where.length <= NAMED_SHAPE_CONDITIONS };
}

export async function listFlowRunsPage(
  db: Db, flow: string, q: RunListQuery, now = Date.now(),
): Promise<{ runs: RunView[]; next?: { ts: number; runNumber: number } } | null> {
  const { statement, named } = flowRunsPageStatement(flow, q, now);
  // As arrays: building a named object per row is a third of the statement's time on SQLite.
  const rows = await queryArrays(db, statement, named);
  if (!rows.length) return null;
  const found = rows.filter((r) => r[0] !== null).map(toRunRecordOfArray);
  const runs = found.slice(0, q.limit);
  const last = runs.at(-1);
  return { runs, next: found.length > q.limit && last ? { ts: last.createdTs, runNumber: last.runNumber } : undefined };
}
