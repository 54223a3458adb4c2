// ESLint: Next's rules (React, hooks, accessibility, Core Web Vitals) and
// typescript-eslint's recommended rules, run by `npm run lint` and `npm test`.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // A leading underscore marks a binding left unused on purpose (e.g. omitting a field by destructuring).
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // Flowdeck does not use the React Compiler; this rule only reports that it would skip TanStack Virtual.
      "react-hooks/incompatible-library": "off",
    },
  },
  {
    // Pages and layouts are Server Components here: they render once per request, so reading the clock is what they should do.
    files: ["app/**/page.tsx", "app/**/layout.tsx"],
    rules: { "react-hooks/purity": "off" },
  },
  {
    // Node code, not React: `use` is a fixture callback there (Playwright's convention), not React's use().
    files: ["e2e/**", "tests/**", "lib/bench/**", "lib/perf/**", "scripts/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Tests read JSON replies field by field; the replies themselves are checked against the OpenAPI document.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  globalIgnores([".next/**", "next-env.d.ts", "lib/generated/**", "prisma/.derived/**", "data/**", "bench-data/**", "test-results/**", "playwright-report/**"]),
]);
