import { defineConfig } from "vitest/config";

// Test tiers by file suffix: *.test.ts are unit tests (no database), *.int.test.ts need PostgreSQL,
// faults/*.fault.test.ts are the fault tier (real processes, PostgreSQL and the simulator; see scripts/test-faults.mjs).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "tools/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          globalSetup: ["./src/test/build-dist.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["src/**/*.int.test.ts", "tools/**/*.int.test.ts"],
          globalSetup: ["./src/test/build-dist.ts", "./src/test/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: "forks",
        },
      },
      {
        test: {
          name: "faults",
          include: ["faults/**/*.fault.test.ts"],
          globalSetup: ["./src/test/build-dist.ts", "./src/test/global-setup.ts"],
          testTimeout: 600_000,
          hookTimeout: 120_000,
          pool: "forks",
        },
      },
    ],
  },
});
