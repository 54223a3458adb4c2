import { describe, expect, it } from "vitest";
import { generateProductionToken, tokensMatch } from "@/lib/domain/tokens";
import { parseDatabaseUrl, pgPoolSize } from "@/lib/config/database";
import { pendingMigrations } from "@/lib/migrations/apply";

describe("production tokens", () => {
  it("are random and name their flow", () => {
    const a = generateProductionToken("PredictionFlow");
    const b = generateProductionToken("PredictionFlow");
    expect(a).toMatch(/^predictionflow-[a-z2-9]{16}$/);
    expect(a).not.toBe(b);
    expect(tokensMatch(a, a)).toBe(true);
    expect(tokensMatch(a, b)).toBe(false);
  });
});

describe("DATABASE_URL", () => {
  it("defaults to the embedded SQLite under ./data", () => {
    expect(parseDatabaseUrl(undefined, "/srv")).toMatchObject({ kind: "sqlite", file: "/srv/data/flowdeck.db" });
  });
  it("reads PostgreSQL URLs", () => {
    expect(parseDatabaseUrl("postgresql://u:p@db:5433/flowdeck")).toMatchObject({ kind: "postgresql", host: "db", port: 5433, database: "flowdeck" });
  });
  it("says what to fix for anything else", () => {
    expect(() => parseDatabaseUrl("mysql://x/y")).toThrow(/must start with file: .* or postgresql:\/\//);
    expect(() => parseDatabaseUrl("postgresql://host-only")).toThrow(/must name a host and a database/);
  });
  it("reads FLOWDECK_PG_POOL_SIZE: 10 when unset, a clear error for anything but a whole number ≥ 1", () => {
    expect(pgPoolSize(undefined)).toBe(10);
    expect(pgPoolSize(" ")).toBe(10);
    expect(pgPoolSize("24")).toBe(24);
    for (const bad of ["0", "-2", "2.5", "ten"]) expect(() => pgPoolSize(bad)).toThrow(`FLOWDECK_PG_POOL_SIZE must be a whole number ≥ 1, not "${bad}".`);
  });
});

describe("migration bookkeeping", () => {
  const known = [
    { name: "0001_init", sql: "", checksum: "a" },
    { name: "0002_more", sql: "", checksum: "b" },
  ];
  it("lists what is not applied yet", () => {
    expect(pendingMigrations(known, [{ name: "0001_init", checksum: "a" }]).map((m) => m.name)).toEqual(["0002_more"]);
  });
  it("refuses edited and unknown migrations", () => {
    expect(() => pendingMigrations(known, [{ name: "0001_init", checksum: "x" }])).toThrow(/was edited after it was applied/);
    expect(() => pendingMigrations(known, [{ name: "0003_future", checksum: "c" }])).toThrow(/newer version/);
  });
});
