import "server-only";
// What differs between SQLite and PostgreSQL in the hand-written SQL, in one
// place: JSON built in a query, and rows read from one JSON parameter.
import { dialectOf, type Db } from "../db";
import { Prisma, sql } from "./sql";

export type Dialect = ReturnType<typeof dialectOf>;
export { dialectOf };

/** SQLite's planner is told which index to walk; PostgreSQL's chooses well on its own. */
export function indexHint(dialect: Dialect, index: string): Prisma.Sql {
  return dialect === "sqlite" ? Prisma.raw(` INDEXED BY ${index}`) : Prisma.empty;
}

/**
 * Joins runs r to each outer row through `ids` (a subquery of run_db_id
 * correlated to the outer row): PostgreSQL takes a LATERAL join; SQLite, which
 * has none, a correlated IN.
 */
export function joinRunsOfEachRow(dialect: Dialect, ids: Prisma.Sql): Prisma.Sql {
  return dialect === "postgresql"
    ? sql`CROSS JOIN LATERAL (${ids}) AS n JOIN runs r ON r.id = n.run_db_id`
    : sql`JOIN runs r ON r.id IN (${ids})`;
}

/**
 * Each outer row's first `limit` rows of `table` (as `alias`) in index order.
 * PostgreSQL: a LATERAL subquery with its own LIMIT, so a sort above it reads
 * at most `limit` rows per outer row. SQLite, which has no LATERAL: a plain
 * join on `index`, whose nested loop walks it in order and stops at the outer LIMIT.
 */
export function firstRowsOfEach(dialect: Dialect, from: { table: string; alias: string; index: string }, on: Prisma.Sql, orderBy: Prisma.Sql, limit: number): Prisma.Sql {
  const [t, a] = [Prisma.raw(from.table), Prisma.raw(from.alias)];
  return dialect === "postgresql"
    ? sql`CROSS JOIN LATERAL (SELECT * FROM ${t} ${a} WHERE ${on} ORDER BY ${orderBy} LIMIT ${limit}) ${a}`
    : sql`JOIN ${t} ${a}${indexHint(dialect, from.index)} ON ${on}`;
}

/**
 * Runs a query that must be read in index order. PostgreSQL's planner, misled
 * by correlated probe columns, would hash whole ranges instead: hash joins and
 * parallel workers are turned off for this one transaction. SQLite walks indexes anyway.
 */
export async function queryInIndexOrder<T>(db: Db, dialect: Dialect, query: Prisma.Sql, { noSort = false } = {}): Promise<T[]> {
  if (dialect !== "postgresql") return db.$queryRaw<T[]>(query);
  const answers: unknown[] = await db.$transaction([
    db.$queryRaw`SELECT set_config('enable_hashjoin', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`,
    // noSort: the page must come from walking the order's index (runs by
    // duration), never from sorting a namespace the planner believes holds one
    // row; the walk's cost estimate would also start JIT compilation (≈0.8 s).
    // Each filter is then probed per row (no merge of whole tag ranges, no materializing them).
    ...(noSort ? [db.$queryRaw`SELECT set_config('enable_sort', 'off', true), set_config('jit', 'off', true),
      set_config('enable_mergejoin', 'off', true), set_config('enable_material', 'off', true)`] : []),
    db.$queryRaw<T[]>(query),
  ]);
  return answers.at(-1) as T[];
}

export type JsonColumn = { name: string; type: "text" | "float" | "int" | "bool" };
const PG_TYPES: Record<JsonColumn["type"], string> = { text: "text", float: "float8", int: "int4", bool: "boolean" };

/**
 * SELECT of the given rows (arrays, in column order) from a single JSON
 * parameter: hundreds of rows cost one bound value instead of one per cell,
 * which is what makes bulk writes through Prisma cheap. Names are code, never input.
 */
export function rowsFromJson(dialect: Dialect, columns: JsonColumn[], rows: unknown[][]): Prisma.Sql {
  const json = JSON.stringify(rows);
  if (dialect === "postgresql") {
    const list = columns.map((c, i) => `(e->>${i})::${PG_TYPES[c.type]} AS ${c.name}`).join(", ");
    return sql`SELECT ${Prisma.raw(list)} FROM json_array_elements(${json}::json) AS e`;
  }
  // SQLite's ->> gives JSON numbers, strings and null their SQL types (true as 1).
  const list = columns.map((c, i) => `e.value->>${i} AS ${c.name}`).join(", ");
  return sql`SELECT ${Prisma.raw(list)} FROM json_each(${json}) AS e`;
}

type Client = Pick<Db, "$executeRaw" | "$queryRaw">;

/**
 * Holds the runs matching `where` (a condition on runs r) until the
 * transaction ends, so concurrent edits of a run queue up. Read the runs'
 * tags only in a later statement: under READ COMMITTED, a statement that
 * waited for a lock still reads other tables as they were when it began.
 * PostgreSQL: row locks (FOR UPDATE), taken in id order so that two edits
 * never deadlock, without rewriting the rows (an UPDATE would rewrite every
 * index entry of each run). SQLite has one writer at a time: bumping the runs'
 * tag version takes the write lock before anything is read.
 */
export async function lockRuns(tx: Client, dialect: Dialect, where: Prisma.Sql): Promise<void> {
  if (dialect === "sqlite") {
    await tx.$executeRaw(sql`UPDATE runs SET tag_version = tag_version + 1 WHERE id IN (SELECT r.id FROM runs r WHERE ${where})`);
    return;
  }
  // Counted, so one row comes back however many runs are locked.
  await tx.$queryRaw(sql`SELECT COUNT(*) AS n FROM (SELECT r.id FROM runs r WHERE ${where} ORDER BY r.id FOR UPDATE) l`);
}

/**
 * A query whose one row (`rows`) holds the given columns of `query`'s rows as
 * a JSON text of arrays: one row for Prisma to map instead of thousands.
 * Read the answer with fromJsonRows.
 */
export function asJsonRows(dialect: Dialect, query: Prisma.Sql, columns: string[]): Prisma.Sql {
  const cols = Prisma.raw(columns.map((c) => `q.${c}`).join(", "));
  return dialect === "postgresql"
    ? sql`SELECT json_agg(json_build_array(${cols}))::text AS rows FROM (${query}) q`
    : sql`SELECT json_group_array(json_array(${cols})) AS rows FROM (${query}) q`;
}

export function fromJsonRows<T extends unknown[]>(answer: { rows: string | null }[]): T[] {
  return JSON.parse(answer[0]?.rows ?? "[]") as T[];
}

/** Runs asJsonRows and reads its answer. */
export async function queryJsonRows<T extends unknown[]>(tx: Client, dialect: Dialect, query: Prisma.Sql, columns: string[]): Promise<T[]> {
  return fromJsonRows<T>(await tx.$queryRaw<{ rows: string | null }[]>(asJsonRows(dialect, query, columns)));
}

/** INSERT of many rows from one JSON parameter. */
export async function insertJsonRows(tx: Client, dialect: Dialect, table: string, columns: JsonColumn[], rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  await tx.$executeRaw(insertSql(dialect, table, columns, rows));
}

/** The same, answering the new rows' ids in insertion order (the table's id is an autoincrement integer). */
export async function insertJsonRowsReturningIds(tx: Client, dialect: Dialect, table: string, columns: JsonColumn[], rows: unknown[][]): Promise<number[]> {
  if (!rows.length) return [];
  const insert = insertSql(dialect, table, columns, rows);
  if (dialect === "postgresql") {
    const [row] = await tx.$queryRaw<{ ids: string }[]>(sql`WITH i AS (${insert} RETURNING id) SELECT json_agg(id ORDER BY id)::text AS ids FROM i`);
    return JSON.parse(row.ids) as number[];
  }
  // SQLite: one writer at a time, and AUTOINCREMENT hands out consecutive ids within a statement.
  await tx.$executeRaw(insert);
  const [{ last }] = await tx.$queryRaw<{ last: unknown }[]>(sql`SELECT last_insert_rowid() AS last`);
  const end = Number(last);
  return rows.map((_, i) => end - rows.length + 1 + i);
}

function insertSql(dialect: Dialect, table: string, columns: JsonColumn[], rows: unknown[][]): Prisma.Sql {
  return sql`INSERT INTO ${Prisma.raw(table)} (${Prisma.raw(columns.map((c) => c.name).join(", "))})
    ${rowsFromJson(dialect, columns, rows)}`;
}
