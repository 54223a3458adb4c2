// Parses the newer (service ≥ 2.5) parameters of `GET /flows/{f}/runs`:
// `field[:op]=v1,v2` (comma = OR, `null` = NULL), `_tags[:all|any|likeall|likeany]`,
// `_limit` (default 50, max 500) and `_cursor`. Unknown fields are ignored, as
// Metaflow's service does; a known field with a bad operator or value is a 400.
import { HttpError } from "./http";
import { OPERATORS, RUN_FIELDS, type FieldTerm, type Operator, type RunField, type RunListQuery } from "../data/flow-runs-read";
import { RUN_STATUSES } from "../domain/status";

export const DEFAULT_RUN_LIMIT = 50;
/**
 * Each value is a condition of the query: PostgreSQL plans 50–100 of them for
 * seconds, SQLite refuses about a thousand. 20 per parameter (as the dashboard
 * API) and 40 in all keep any filter a person writes and bound the work.
 */
export const MAX_VALUES = 20;
export const MAX_CONDITIONS = 40;
const MAX_INT = 2_147_483_647;
export const MAX_RUN_LIMIT = 500;
const NUMERIC: RunField[] = ["run_number", "ts_epoch", "last_heartbeat_ts"];
const LIKE: Operator[] = ["co", "sw", "ew", "li"];

/** Old clients send none of these and get the plain array. */
export function isPaginatedRunList(params: URLSearchParams): boolean {
  for (const key of params.keys()) {
    if (key === "_limit" || key === "_cursor" || key.split(":")[0] === "_tags") return true;
    if ((RUN_FIELDS as readonly string[]).includes(key.split(":")[0])) return true;
  }
  return false;
}

export function encodeRunCursor(c: { ts: number; runNumber: number }): string {
  return Buffer.from(JSON.stringify({ ts_epoch: c.ts, run_number: c.runNumber })).toString("base64");
}

function decodeRunCursor(s: string): { ts: number; runNumber: number } {
  try {
    const v = JSON.parse(Buffer.from(s, "base64").toString("utf8"));
    const ts = Number(v?.ts_epoch);
    const runNumber = Number(v?.run_number);
    if (Number.isFinite(ts) && Number.isSafeInteger(runNumber) && Math.abs(runNumber) <= MAX_INT) return { ts, runNumber };
  } catch {
    /* fall through */
  }
  throw new HttpError(400, "Invalid cursor");
}

function parseLimit(raw: string | null): number {
  if (raw === null || raw === "") return DEFAULT_RUN_LIMIT;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new HttpError(400, `_limit must be a positive whole number, got '${raw}'`);
  return Math.min(Number(raw), MAX_RUN_LIMIT);
}

function checkOperator(field: RunField, op: Operator) {
  const fail = () => {
    throw new HttpError(400, `unsupported operator '${op}' for field '${field}'`);
  };
  if (NUMERIC.includes(field) && LIKE.includes(op)) fail();
  if ((field === "tags" || field === "system_tags") && !["eq", "ne", "is", ...LIKE].includes(op)) fail();
  if ((field === "user" || field === "status") && !["eq", "ne", "is"].includes(op)) fail();
}

function parseValue(field: RunField, op: Operator, v: string): string | number | null {
  if (v === "null") return null;
  if (op === "is") throw new HttpError(400, `operator 'is' only takes null, got '${v}' for field '${field}'`);
  if (NUMERIC.includes(field)) {
    if (!/^-?\d+$/.test(v)) {
      const what = field === "run_number" ? "a whole number" : "integer epoch milliseconds";
      throw new HttpError(400, `invalid ${field}: expected ${what}, got '${v}'`);
    }
    const n = Number(v);
    if (field === "run_number" && Math.abs(n) > MAX_INT) throw new HttpError(400, `invalid run_number: ${v} is out of range (at most ${MAX_INT})`);
    if (!Number.isSafeInteger(n)) throw new HttpError(400, `invalid ${field}: ${v} is out of range`);
    return n;
  }
  if (field === "status" && !(RUN_STATUSES as string[]).includes(v)) {
    throw new HttpError(400, `unsupported status filter: ${v}`);
  }
  return v;
}

export function parseRunListQuery(params: URLSearchParams): RunListQuery {
  const q: RunListQuery = { tagsAll: [], tagsAny: [], likeAll: [], likeAny: [], terms: [], limit: parseLimit(params.get("_limit")) };
  const cursor = params.get("_cursor");
  if (cursor) q.cursor = decodeRunCursor(cursor);
  let conditions = 0;
  for (const [key, raw] of params) {
    const [field, op = ""] = key.split(":", 2);
    const values = raw.split(",").filter((v) => v !== "");
    if (values.length > MAX_VALUES) throw new HttpError(400, `${key} takes at most ${MAX_VALUES} values, got ${values.length}`);
    conditions += values.length;
    if (conditions > MAX_CONDITIONS) throw new HttpError(400, `A run list filter takes at most ${MAX_CONDITIONS} values in all`);
    if (field === "_tags") {
      const target = { "": q.tagsAll, all: q.tagsAll, any: q.tagsAny, likeall: q.likeAll, likeany: q.likeAny }[op];
      if (!target) throw new HttpError(400, `unsupported operator '${op}' for _tags: use all, any, likeall or likeany`);
      target.push(...values);
      continue;
    }
    if (field.startsWith("_") || !(RUN_FIELDS as readonly string[]).includes(field)) continue;
    const operator = (op || "eq") as Operator;
    if (!(OPERATORS as readonly string[]).includes(operator)) {
      throw new HttpError(400, `unsupported operator '${operator}' for field '${field}'`);
    }
    checkOperator(field as RunField, operator);
    if (!values.length) continue;
    q.terms.push({ field: field as RunField, op: operator, values: values.map((v) => parseValue(field as RunField, operator, v)) } satisfies FieldTerm);
  }
  return q;
}
