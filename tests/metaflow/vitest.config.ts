// `npm run test:metaflow`: the end-to-end suite with the real Metaflow client.
// Not part of `npm test` (CI has no Metaflow source and no network to get it);
// the TypeScript contract suites in tests/integration cover the same behaviour.
import path from "node:path";
import { defineConfig } from "vitest/config";
import base from "../../vitest.config";

export default defineConfig({
  resolve: base.resolve,
  test: {
    root: path.resolve(import.meta.dirname, "../.."),
    include: ["tests/metaflow/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/setup/global-postgres.ts"],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
