import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

/** Imports a layer may not make: the engine stays free of its callers, the simulator free of the product. */
const forbid = (patterns, message) => ["error", { patterns: patterns.map((group) => ({ group, message })) }];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "dist/**", "src/generated/**", "node_modules/**", ".data/**", "test-results/**", "next-env.d.ts"]),
  {
    settings: { "import/resolver": { typescript: { project: "./tsconfig.json" }, node: true } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    files: ["src/core/**"],
    ignores: ["src/core/**/*.test.ts"],
    rules: {
      "no-restricted-imports": forbid(
        [
          [
            "**/server/**",
            "**/worker/**",
            "**/app/**",
            "**/cli/**",
            "**/launcher/**",
            "**/tools/**",
            "**/test/**",
            "@/server/*",
            "@/worker/*",
            "@/app/*",
            "@/cli/*",
            "@/test/*",
          ],
        ],
        "src/core is the engine: it may not import the server, worker, app, CLI, launcher, test helpers or tools.",
      ),
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Core takes its environment as input: parse it at the process entry (see core/config/env.ts)." },
      ],
    },
  },
  {
    files: ["tools/**"],
    rules: {
      "no-restricted-imports": forbid([["**/src/**", "@/*"]], "The simulator stands in for the real services: it may not import the product."),
    },
  },
  {
    files: ["src/app/**"],
    // Route handlers and the root layout run on the server only.
    ignores: ["src/app/api/**", "src/app/layout.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/server/**", "@/server/*"],
              allowTypeImports: true,
              message: "The dashboard talks to the server through tRPC and SSE only (type imports are fine).",
            },
          ],
        },
      ],
    },
  },
]);
