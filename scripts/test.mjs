// `npm test`: unit tests, integration tests (real PostgreSQL), the fault tier, a production build, then browser
// tests (real Chromium), ending with one "N passed, N failed" line for the whole suite.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const reports = join("test-results", "reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const bin = (name) => join("node_modules", ".bin", name);
const steps = [
  {
    name: "unit",
    cmd: bin("vitest"),
    args: ["run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/unit.json`],
    report: "unit.json",
    kind: "vitest",
  },
  {
    name: "integration",
    cmd: bin("vitest"),
    args: ["run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/integration.json`],
    report: "integration.json",
    kind: "vitest",
  },
  {
    name: "faults",
    cmd: "node",
    args: ["scripts/test-faults.mjs"],
    env: { COMFYFIXER_FAULT_JSON_REPORT: `${reports}/faults.json` },
    report: "faults.json",
    kind: "vitest",
  },
  { name: "build", cmd: bin("next"), args: ["build"] },
  {
    name: "e2e",
    cmd: bin("playwright"),
    args: ["test", "--reporter=list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/e2e.json` },
    report: "e2e.json",
    kind: "playwright",
  },
];

function counts(step) {
  try {
    const report = JSON.parse(readFileSync(join(reports, step.report), "utf8"));
    if (step.kind === "vitest") return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
    return { passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky, skipped: report.stats.skipped };
  } catch {
    return null;
  }
}

const total = { passed: 0, failed: 0, skipped: 0 };
let failedSteps = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const result = spawnSync(step.cmd, step.args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...step.env } });
  if (step.report) {
    const stepCounts = counts(step);
    if (stepCounts) for (const key of Object.keys(total)) total[key] += stepCounts[key];
    else total.failed += 1;
  }
  if (result.status !== 0) failedSteps.push(step.name);
}

console.log(`\n${failedSteps.length ? `failed steps: ${failedSteps.join(", ")}` : "all steps passed"}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
