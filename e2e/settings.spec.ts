import { expect, test } from "@playwright/test";

test("the dashboard shell loads and a changed setting survives a reload", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  for (const label of ["Runs", "Inventory", "Settings"]) {
    await expect(page.getByRole("link", { name: label, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "Runs" })).toBeVisible();

  await page.getByRole("link", { name: "Settings", exact: true }).click();
  const concurrency = page.getByLabel("Parallel downloads");
  await expect(concurrency).toHaveValue("3");

  await concurrency.fill("11");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator("#download\\.concurrency-error")).toContainText(/10/);

  await concurrency.fill("7");
  await page.getByLabel("Cache TTL (hours)").fill("48");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  await page.screenshot({ path: "test-results/e2e/screenshots/settings.png", fullPage: true });

  await page.reload();
  await expect(page.getByLabel("Parallel downloads")).toHaveValue("7");
  await expect(page.getByLabel("Cache TTL (hours)")).toHaveValue("48");

  const health = await page.request.get("/api/health");
  expect(health.ok()).toBe(true);
  expect(await health.json()).toMatchObject({ database: { ok: true }, worker: { ok: true } });
});

test("the settings page checks the connections to Hugging Face and Civitai", async ({ page }) => {
  await page.goto("/settings");
  await page.getByRole("button", { name: "Check connections" }).click();
  const result = page.getByRole("status").filter({ hasText: "Hugging Face" });
  await expect(result).toContainText(/Hugging Face.*answered 200 in \d+ ms/);
  await expect(result).toContainText("Civitai");
  await expect(result).toContainText("no HF_TOKEN: gated and private repos cannot be downloaded");
  await expect(result).toContainText("downloads may follow its storage redirects");
  await page.screenshot({ path: "test-results/e2e/screenshots/settings-connections.png", fullPage: true });
});
