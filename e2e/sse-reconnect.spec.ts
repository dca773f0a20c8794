// A dropped event stream: the run page goes offline mid-run, comes back, and catches up by replaying what it missed
// (EventSource's Last-Event-ID / the page's ?after=), not by re-reading a snapshot: the events it received have
// every seq once, in order, up to the run's last.
import { expect, test, type Page } from "@playwright/test";
import { api, chooseWorkflows, readWatch, RUN_TIMEOUT_MS, runStatus, startRun, watchRunPage } from "./helpers";
import { fluxTextEncoders, uiWorkflow } from "../src/test/sim";

const hf = (repo: string, path: string) => `https://huggingface.co/${repo}/resolve/main/${path}`;
// Four Hub files of the demo catalogue, each by the workflow's own link, none installed by another spec.
const WORKFLOW = {
  name: "reconnect.json",
  mimeType: "application/json",
  buffer: Buffer.from(
    uiWorkflow([
      {
        type: "UnetLoaderGGUF",
        widgets: ["flux1-schnell-Q4_K_S.gguf"],
        models: [{ name: "flux1-schnell-Q4_K_S.gguf", url: hf("city96/FLUX.1-schnell-gguf", "flux1-schnell-Q4_K_S.gguf"), directory: "diffusion_models" }],
      },
      fluxTextEncoders(),
      {
        type: "ControlNetLoader",
        widgets: ["control_v11p_sd15_canny.pth"],
        models: [{ name: "control_v11p_sd15_canny.pth", url: hf("lllyasviel/ControlNet-v1-1", "control_v11p_sd15_canny.pth"), directory: "controlnet" }],
      },
    ]),
  ),
};

type StreamLog = { seqs: number[]; opens: number };

/** Before the page's own scripts run: notes the seq of every event its EventSource receives, and each (re)connection. */
async function recordStream(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: StreamLog = { seqs: [], opens: 0 };
    (window as unknown as { e2eStream: StreamLog }).e2eStream = log;
    const Native = window.EventSource;
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener("open", () => log.opens++);
        this.addEventListener("message", (message) => log.seqs.push(Number((message as MessageEvent<string>).lastEventId)));
      }
    } as typeof EventSource;
  });
}

const rowStates = (page: Page) =>
  page.locator("tr[data-model]").evaluateAll((rows) => rows.map((row) => `${row.getAttribute("data-model")}=${row.getAttribute("data-status")}`).sort());

/** How many of the run's models the server has installed (read outside the browser, which is offline). */
async function installedOnServer(baseURL: string, runId: string): Promise<number> {
  const run = await api(baseURL).runs.get.query({ id: runId });
  return run.models.filter((model) => model.status === "installed").length;
}

test("a dropped event stream recovers mid-run by replaying what it missed, without losing model rows", async ({ page, context, baseURL }) => {
  await recordStream(page);
  await chooseWorkflows(page, [WORKFLOW]);
  await expect(page.getByRole("status").filter({ hasText: "distinct models" })).toContainText("4 missing");
  await watchRunPage(page);
  const runId = await startRun(page);

  await expect(page.locator('tr[data-status="downloading"]').first()).toBeVisible({ timeout: RUN_TIMEOUT_MS });
  const installedBefore = await installedOnServer(baseURL!, runId);
  await context.setOffline(true);
  await expect(page.locator('[data-stream="reconnecting"]')).toBeVisible();
  // Stay away until the server has moved on, so the page has events to catch up on.
  await expect.poll(() => installedOnServer(baseURL!, runId), { timeout: RUN_TIMEOUT_MS }).toBeGreaterThan(installedBefore);
  await context.setOffline(false);

  await expect(runStatus(page)).toHaveAttribute("data-run-status", "completed", { timeout: RUN_TIMEOUT_MS });
  const rows = page.locator("tr[data-model]");
  await expect(rows).toHaveCount(4);
  for (const row of await rows.all()) await expect(row).toHaveAttribute("data-status", "installed");
  const watch = await readWatch(page);
  expect(watch.streamStates).toEqual(expect.arrayContaining(["live", "reconnecting"]));
  // Without the corpus too: files download side by side, and the overall bar moves through values on its way.
  expect(watch.maxDownloading).toBeGreaterThan(1);
  expect(watch.progress.some((value) => value > 0 && value < Math.max(...watch.progress))).toBe(true);

  const stream = await page.evaluate(() => (window as unknown as { e2eStream: StreamLog }).e2eStream);
  const { lastSeq } = await api(baseURL!).runs.get.query({ id: runId });
  expect(stream.opens).toBeGreaterThanOrEqual(2);
  // Every event from the first the page asked for to the run's last, each once: the gap was replayed.
  const first = stream.seqs[0]!;
  expect(stream.seqs).toEqual(Array.from({ length: lastSeq - first + 1 }, (_, index) => first + index));

  // What the live page pieced together matches what the server stored.
  const live = await rowStates(page);
  await page.reload();
  await expect(rows).toHaveCount(4);
  expect(await rowStates(page)).toEqual(live);
});
