import { expect, test } from "@playwright/test";
import { apiWorkflow, chooseWorkflows, lora, modelRow, RUN_TIMEOUT_MS, runStatus, SCREENSHOTS, startRun } from "./helpers";

// Two Civitai models publish a file of this name (the simulator's demo catalogue).
const AMBIGUOUS = "detail_enhancer.safetensors";

test("an ambiguous model is resolved by picking one of its candidates", async ({ page }) => {
  await chooseWorkflows(page, [apiWorkflow("ambiguous-lora.json", [lora(AMBIGUOUS)])]);
  await startRun(page);

  const row = modelRow(page, AMBIGUOUS);
  await expect(row).toHaveAttribute("data-status", "ambiguous", { timeout: RUN_TIMEOUT_MS });
  // The run is over with nothing installed: its outcome says what a person must do, here and in the runs list.
  await expect(runStatus(page)).toHaveAttribute("data-run-status", "completed", { timeout: RUN_TIMEOUT_MS });
  const outcome = page.locator("[data-outcome]");
  await expect(outcome).toHaveAttribute("data-outcome", "needs_attention");
  await expect(outcome).toHaveText("Needs attention: 1 to choose");
  const runUrl = page.url();
  await page.goto("/");
  const listed = page
    .locator("tr")
    .filter({ has: page.locator(`a[href="${new URL(runUrl).pathname}"]`) })
    .first();
  await expect(listed.locator("[data-outcome]")).toHaveText("Needs attention: 1 to choose");
  await page.goto(runUrl);
  // What the resolver asked each source is on the run page.
  await row.getByText(/^What was tried/).click();
  const tried = row.getByRole("table", { name: `What the resolver tried for ${AMBIGUOUS}` });
  await expect(tried.getByRole("row").filter({ hasText: 'search "detail enhancer"' })).toContainText("Civitai");
  await row.getByRole("button", { name: "Choose…" }).click();
  const picker = page.getByRole("group", { name: `Choose a file for ${AMBIGUOUS}` });
  await expect(picker.getByRole("row")).toHaveCount(3);
  await expect(picker).toContainText("SD 1.5");
  await expect(picker).toContainText("SDXL 1.0");
  await expect(picker.getByLabel("Or paste a download URL")).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/ambiguous-picker.png`, fullPage: true });

  const sdxl = picker.getByRole("row").filter({ hasText: "SDXL 1.0" });
  await sdxl.getByRole("button", { name: /^Use / }).click();
  await expect(row).toHaveAttribute("data-status", "installed", { timeout: RUN_TIMEOUT_MS });
  await expect(runStatus(page)).toHaveAttribute("data-run-status", "completed", { timeout: RUN_TIMEOUT_MS });
  await expect(outcome).toHaveAttribute("data-outcome", "all_installed");
  await expect(outcome).toHaveText("All installed");
});
