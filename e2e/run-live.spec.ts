import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { chooseWorkflows, corpusWorkflow, hasCorpus, modelRow, readWatch, RUN_TIMEOUT_MS, runStatus, SCREENSHOTS, startRun, watchRunPage } from "./helpers";

// Two workflows whose every model is found as the real sites name things (workflow links, the known-models index, search).
const WORKFLOWS = ["MadCore-Dev__ImageGen__workflows_animatediff.json", "ZHO-ZHO-ZHO__ComfyUI-Workflows-ZHO__Stable_Cascade_Canny_ControlNet_Zho.json"];
const A_MODEL = { folder: "animatediff_models", name: "mm_sd_v15_v3.safetensors" };

test.describe("a run from corpus workflows", () => {
  // The corpus of real workflows lives beside the project in the team's workspace only.
  test.skip(!hasCorpus(), "the shared workflow corpus is not available");

  test("shows the missing models first, then finishes live with every model installed", async ({ page }) => {
    await chooseWorkflows(page, WORKFLOWS.map(corpusWorkflow));
    const summary = page.getByRole("status").filter({ hasText: "distinct models" });
    await expect(summary).toContainText("6 distinct models in 2 workflows");
    await expect(summary).toContainText("0 present");
    await expect(summary).toContainText("6 missing");
    await expect(page.locator(`tr[data-model="${A_MODEL.name}"]`).getByText("missing")).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/new-run.png`, fullPage: true });

    await watchRunPage(page);
    await startRun(page);
    await expect(page.getByRole("heading", { name: /^Run / })).toBeVisible();
    await expect(page.locator("tr[data-model]")).toHaveCount(6);
    await expect(page.getByRole("progressbar", { name: "Overall progress" })).toBeVisible();
    await expect(page.locator('tr[data-status="downloading"]').first()).toBeVisible({ timeout: RUN_TIMEOUT_MS });
    await page.screenshot({ path: `${SCREENSHOTS}/run-detail.png`, fullPage: true });

    await expect(runStatus(page)).toHaveAttribute("data-run-status", "completed", { timeout: RUN_TIMEOUT_MS });
    const rows = page.locator("tr[data-model]");
    for (const row of await rows.all()) await expect(row).toHaveAttribute("data-status", "installed");
    await expect(page.getByRole("status").filter({ hasText: "Finished" })).toBeVisible();

    const watch = await readWatch(page);
    // The bar moved through values between empty and full while the files came in.
    const full = Math.max(...watch.progress);
    expect(watch.progress.some((value) => value > 0 && value < full)).toBe(true);
    expect(watch.maxDownloading).toBeGreaterThan(1);
    expect(existsSync(join(process.env.E2E_MODELS_DIR!, A_MODEL.folder, A_MODEL.name))).toBe(true);
    await expect(modelRow(page, A_MODEL.name).getByRole("progressbar")).toHaveAttribute("aria-valuenow", /\d+/);
    await expect(page.getByRole("log", { name: "Event log" })).toContainText("installed");
    await page.screenshot({ path: `${SCREENSHOTS}/run-finished.png`, fullPage: true });

    // The history lists the run with its counts; the inventory now holds the files.
    await page.getByRole("link", { name: "Runs", exact: true }).click();
    await expect(page.getByRole("link", { name: /completed/ }).first()).toBeVisible();
    await expect(page.getByRole("cell", { name: /Stable_Cascade/ }).first()).toBeVisible();
    await page.getByLabel("Search workflow or model").fill("animatediff");
    await expect(page.getByRole("cell", { name: /animatediff/ }).first()).toBeVisible();
    await page.getByLabel("Search workflow or model").fill("");
    await page.screenshot({ path: `${SCREENSHOTS}/runs.png`, fullPage: true });

    await page.getByRole("link", { name: "Inventory", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Inventory" })).toBeVisible();
    await page.getByLabel("Find a model by name").fill("mm_sd");
    await expect(page.getByRole("cell", { name: A_MODEL.name })).toBeVisible();
    await expect(page.getByText("Free disk space")).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/inventory.png`, fullPage: true });
  });
});
