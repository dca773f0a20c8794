import { expect, test } from "@playwright/test";
import { apiWorkflow, checkpoint, chooseWorkflows, lora, readWatch, RUN_TIMEOUT_MS, runStatus, startRun, api, watchRunPage } from "./helpers";

test("the parallel-downloads setting survives a reload and limits the next run", async ({ page, baseURL }) => {
  await page.goto("/settings");
  const concurrency = page.getByLabel("Parallel downloads");
  const before = Number(await concurrency.inputValue());
  await concurrency.fill("1");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  await page.reload();
  await expect(page.getByLabel("Parallel downloads")).toHaveValue("1");

  try {
    await chooseWorkflows(page, [
      // Two files the demo catalogue serves from Civitai; at the default of 3 they would download together.
      apiWorkflow("one-at-a-time.json", [checkpoint("dreamshaper_8.safetensors"), lora("add_detail.safetensors")]),
    ]);
    await watchRunPage(page);
    await startRun(page);
    await expect(runStatus(page)).toHaveAttribute("data-run-status", "completed", { timeout: RUN_TIMEOUT_MS });
    for (const row of await page.locator("tr[data-model]").all()) await expect(row).toHaveAttribute("data-status", "installed");
    const watch = await readWatch(page);
    expect(watch.maxDownloading).toBe(1);
  } finally {
    // Leave the setting as found: the other specs share this database.
    await api(baseURL!).settings.update.mutate({ download: { concurrency: before } });
  }
});
