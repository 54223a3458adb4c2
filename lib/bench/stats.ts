// Percentiles and aligned tables for the benchmark reports.
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
// @ts-expect-error plain ESM helper without types
import { findBinDir as findBinDirUntyped } from "../../scripts/throwaway-postgres.mjs";

const findBinDir = findBinDirUntyped as () => string;

export function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Latencies of one kind of request. */
export class Samples {
  values: number[] = [];
  errors = 0;
  add(ms: number) {
    this.values.push(ms);
  }
  private sorted?: number[];
  q(q: number): number {
    if (!this.sorted || this.sorted.length !== this.values.length) this.sorted = [...this.values].sort((a, b) => a - b);
    return percentile(this.sorted, q);
  }
  get count() {
    return this.values.length;
  }
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
export const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0)) : "–");
export const ratio = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n.toFixed(1)}×` : "–");

/** Prints rows as columns: the first left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][], indent = "  ") {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

/** "2 cores, node v20.x, PostgreSQL 15.x" for header lines. */
export function machine(pgVersion?: string): string {
  const parts = [`nproc ${os.availableParallelism()}`, `node ${process.version}`];
  if (pgVersion) parts.push(`PostgreSQL ${pgVersion}`);
  return parts.join(", ");
}

export function postgresVersion(): string | undefined {
  try {
    const out = execFileSync(path.join(findBinDir(), "postgres"), ["--version"], { encoding: "utf8" });
    return out.match(/(\d+(\.\d+)*)/)?.[1];
  } catch {
    return undefined;
  }
}
