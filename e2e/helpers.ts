// Shared steps of the browser tests: workflows to upload, starting a run, watching the run page.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { expect, type Page } from "@playwright/test";
import { corpusDir } from "./upstream";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../src/server/trpc/root";
import { adminApiKey } from "./accounts";

export const SCREENSHOTS = "test-results/e2e/screenshots";
export const RUN_TIMEOUT_MS = 75_000;

export const corpusWorkflow = (fileName: string) => resolve(corpusDir(), "workflows", fileName);
export const hasCorpus = () => existsSync(resolve(corpusDir(), "workflows"));

type Loader = { classType: string; input: string; name: string };

/** A minimal API-format workflow with one loader node per model. */
export function apiWorkflow(fileName: string, loaders: Loader[]) {
  const graph = Object.fromEntries(
    loaders.map((loader, index) => [String(index + 1), { class_type: loader.classType, inputs: { [loader.input]: loader.name } }]),
  );
  return { name: fileName, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(graph)) };
}

export const checkpoint = (name: string): Loader => ({ classType: "CheckpointLoaderSimple", input: "ckpt_name", name });
export const lora = (name: string): Loader => ({ classType: "LoraLoaderModelOnly", input: "lora_name", name });

type Upload = string | { name: string; mimeType: string; buffer: Buffer };

/** Opens New run, uploads the workflows, waits for the dry analysis and returns the page at that point. */
export async function chooseWorkflows(page: Page, uploads: Upload[]) {
  await page.goto("/runs/new");
  await expect(page.getByRole("heading", { name: "New run" })).toBeVisible();
  await page.getByLabel("Workflow files").setInputFiles(uploads as Parameters<Page["setInputFiles"]>[1]);
  await expect(page.getByRole("status").filter({ hasText: "distinct models" })).toBeVisible();
}

/** Clicks Start run and waits for the run page; returns the run id. */
export async function startRun(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Start run" }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop()!;
}

export const runStatus = (page: Page) => page.locator("[data-run-status]");
export const modelRow = (page: Page, name: string) => page.locator(`tr[data-model="${name}"]`);

export type RunWatch = { maxDownloading: number; progress: number[]; streamStates: string[] };

/** Records, from inside the page, how many rows download at once, the overall bar's values and the stream states. */
export async function watchRunPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const watch: RunWatch = { maxDownloading: 0, progress: [], streamStates: [] };
    (window as unknown as { e2eWatch: RunWatch }).e2eWatch = watch;
    const check = () => {
      watch.maxDownloading = Math.max(watch.maxDownloading, document.querySelectorAll('tr[data-status="downloading"]').length);
      const value = document.querySelector('[role="progressbar"][aria-label="Overall progress"]')?.getAttribute("aria-valuenow");
      if (value && Number(value) !== watch.progress.at(-1)) watch.progress.push(Number(value));
      const stream = document.querySelector("[data-stream]")?.getAttribute("data-stream");
      if (stream && stream !== watch.streamStates.at(-1)) watch.streamStates.push(stream);
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true });
    check();
  });
}

export const readWatch = (page: Page) => page.evaluate(() => (window as unknown as { e2eWatch: RunWatch }).e2eWatch);

/** The app's tRPC API as the CLI calls it (with the first admin's API key, or `apiKey`), for set-up steps and checks. */
export function api(baseURL: string, apiKey = adminApiKey()) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${baseURL.replace(/\/+$/, "")}/api/trpc`, transformer: superjson, headers: { Authorization: `Bearer ${apiKey}` } })],
  });
}
