import { resolve } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { api, hasCorpus, readWatch, RUN_TIMEOUT_MS, runStatus, watchRunPage } from "./helpers";
import { corpusDir } from "./upstream";

const PICKED = ["comfyanonymous__ComfyUI_examples__ltxv_ltxv_image_to_video.0.9.5.json", "comfyanonymous__ComfyUI_examples__ltxv_ltxv_text_to_video.json"];

const rowStates = (page: Page) =>
  page.locator("tr[data-model]").evaluateAll((rows) => rows.map((row) => `${row.getAttribute("data-model")}=${row.getAttribute("data-status")}`).sort());

/** How many of the run's models the server has installed (read outside the browser, which is offline). */
async function installedOnServer(baseURL: string, runId: string): Promise<number> {
  const run = await api(baseURL).runs.get.query({ id: runId });
  return run.models.filter((model) => model.status === "installed").length;
}

test.describe("a dropped event stream", () => {
  test.skip(!hasCorpus(), "the shared workflow corpus is not available");

  test("recovers mid-run without losing model rows", async ({ page, context, baseURL }) => {
    await page.goto("/");
    await api(baseURL!).settings.update.mutate({ paths: { workflow_folders: [resolve(corpusDir(), "workflows")] } });

    // Pick the workflows from the configured folder this time.
    await page.goto("/runs/new");
    for (const name of PICKED) await page.getByRole("checkbox", { name }).check();
    await expect(page.getByRole("status").filter({ hasText: "distinct models" })).toContainText("3 missing");
    await watchRunPage(page);
    await page.getByRole("button", { name: "Start run" }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    const runId = page.url().split("/").pop()!;

    await expect(page.locator('tr[data-status="downloading"]').first()).toBeVisible({ timeout: RUN_TIMEOUT_MS });
    const installedBefore = await installedOnServer(baseURL!, runId);
    await context.setOffline(true);
    await expect(page.locator('[data-stream="reconnecting"]')).toBeVisible();
    // Stay away until the server has moved on, so the page has events to catch up on.
    await expect.poll(() => installedOnServer(baseURL!, runId), { timeout: RUN_TIMEOUT_MS }).toBeGreaterThan(installedBefore);
    await context.setOffline(false);
    await expect(page.locator('[data-stream="live"], [data-stream="ended"]')).toBeVisible();

    await expect(runStatus(page)).toHaveAttribute("data-run-status", "completed", { timeout: RUN_TIMEOUT_MS });
    const rows = page.locator("tr[data-model]");
    await expect(rows).toHaveCount(3);
    for (const row of await rows.all()) await expect(row).toHaveAttribute("data-status", "installed");
    expect((await readWatch(page)).streamStates).toEqual(expect.arrayContaining(["live", "reconnecting"]));

    // What the live page pieced together matches what the server stored.
    const live = await rowStates(page);
    await page.reload();
    await expect(rows).toHaveCount(3);
    expect(await rowStates(page)).toEqual(live);
  });
});
