import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { apiWorkflow, checkpoint, chooseWorkflows, modelRow, RUN_TIMEOUT_MS, runStatus, startRun } from "./helpers";

// The demo catalogue's largest file: several seconds at the simulator's bandwidth.
const LARGE = "juggernautXL_v9.safetensors";

test("a run can be cancelled while it downloads", async ({ page }) => {
  await chooseWorkflows(page, [apiWorkflow("cancel-me.json", [checkpoint(LARGE)])]);
  await startRun(page);
  const row = modelRow(page, LARGE);
  await expect(row).toHaveAttribute("data-status", "downloading", { timeout: RUN_TIMEOUT_MS });
  await page.getByRole("button", { name: "Cancel run" }).click();
  await expect(runStatus(page)).toHaveAttribute("data-run-status", "cancelled", { timeout: 20_000 });
  await expect(row).not.toHaveAttribute("data-status", "installed");
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  // Nothing reached the models folder under the model's name: at most its partial download, kept for a retry.
  const checkpoints = join(process.env.E2E_MODELS_DIR!, "checkpoints");
  const left = existsSync(checkpoints) ? readdirSync(checkpoints).filter((name) => name.startsWith(LARGE)) : [];
  expect(left.filter((name) => name === LARGE)).toEqual([]);
  expect(left.every((name) => name.startsWith(`${LARGE}.part`))).toBe(true);

  // After a reload the stored state says the same.
  await page.reload();
  await expect(runStatus(page)).toHaveAttribute("data-run-status", "cancelled");
  await expect(modelRow(page, LARGE)).not.toHaveAttribute("data-status", "installed");
});
