import "server-only";
// Small helpers for the few hand-written SQL statements (hot paths) that must
// run on both SQLite and PostgreSQL.
import { Prisma } from "../generated/postgresql/client";

export { Prisma };
export const sql = Prisma.sql;
export const join = Prisma.join;
export const empty = Prisma.empty;

/** A boolean as either driver returns it (SQLite: 0/1, PostgreSQL: true/false). */
export const isTrue = (v: unknown) => v === true || v === 1 || v === 1n;
export const toNumber = (v: unknown): number => (typeof v === "bigint" ? Number(v) : (v as number));
export const toNullableNumber = (v: unknown): number | null => (v === null || v === undefined ? null : toNumber(v));

export function parseJsonArray(text: string): string[] {
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  return (
    err?.code === "P2002" ||
    err?.cause?.code === "23505" ||
    /unique constraint|UNIQUE constraint failed|duplicate key/i.test(err?.message ?? "")
  );
}

/** A write that lost a race with another (deadlock, serialization failure, busy database): safe to retry whole. */
export function isTransientConflict(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: { code?: string; originalCode?: string } };
  const code = err?.cause?.originalCode ?? err?.cause?.code;
  return (
    err?.code === "P2034" ||
    code === "40P01" ||
    code === "40001" ||
    /deadlock detected|could not serialize|database is locked|SQLITE_BUSY/i.test(err?.message ?? "")
  );
}

/** Runs a write again when it lost a race with another (deadlock, busy database). */
export async function retrying<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !isTransientConflict(e)) throw e;
      await new Promise((r) => setTimeout(r, 20 * i + Math.random() * 30));
    }
  }
}

// Above every code point: [p, p + TOP) holds exactly the strings starting with p
// under byte-wise (SQLite) and code-point ("C", see migration 0004) order.
const TOP = "\u{10FFFF}";

/** `tag` values that start with `prefix`, as an index range. */
export function tagPrefixRange(prefix: string): Prisma.Sql {
  return Prisma.sql`tag >= ${prefix} AND tag < ${prefix + TOP}`;
}


