import { defineConfig } from "@playwright/test";
import { ADMIN_STATE } from "./e2e/accounts";

// Browser tests in Debian's Chromium against the real app, worker and a fresh PostgreSQL database
// (started by e2e/global-setup.ts). The "accounts" project makes the first admin through the set-up link; every
// other spec starts signed in as that admin.
export default defineConfig({
  testDir: "e2e",
  // A stray test.only must not let CI pass with one browser test.
  forbidOnly: !!process.env.CI,
  globalSetup: "./e2e/global-setup.ts",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  outputDir: "test-results/e2e",
  projects: [
    { name: "accounts", testMatch: /accounts\.setup\.ts$/ },
    { name: "chromium", testIgnore: /accounts\.setup\.ts$/, dependencies: ["accounts"], use: { storageState: ADMIN_STATE } },
  ],
  use: {
    baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`,
    viewport: { width: 1280, height: 800 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
});
