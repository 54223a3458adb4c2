// Prisma CLI config. engine "js" + a driver adapter makes the CLI use the WASM
// schema engine: the native one cannot be downloaded on these machines.
import { defineConfig } from "prisma/config";

const schema = process.env.FLOWDECK_PRISMA_SCHEMA ?? "prisma/schema.prisma";
const isSqlite = schema.includes("sqlite");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema,
  async adapter() {
    if (isSqlite) {
      const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
      return new PrismaBetterSQLite3({ url: ":memory:" });
    }
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://localhost/flowdeck" });
  },
});
