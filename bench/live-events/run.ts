// Live events: how long a run event takes from the worker (the `at` it is stamped with when published) to the
// browser's run page, with 10 downloads in flight. The real product (launcher: web + worker) on a fresh database,
// a signed-in Chromium on the run page, and the simulator serving ten slow files. Baseline, measured in the same
// run: the same events read straight off the SSE route by this process.
import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { chromium } from "@playwright/test";
import { createTRPCClient, httpLink } from "@trpc/client";
import { createParser } from "eventsource-parser";
import superjson from "superjson";
import { buildDist } from "../../scripts/build-dist.mjs";
import { projectRoot } from "../../src/core/config/project-root";
import type { AppRouter } from "../../src/server/trpc/root";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../../src/test/postgres-admin";
import { simEnv } from "../../src/test/sim-env";
import { waitFor } from "../../src/test/worker-process";
import { checkpoint, MiB, startUpstreamSim, uiWorkflow, type SimCatalogue } from "../../src/test/sim";
import { report } from "../report";

const DOWNLOADS = 10;
const FILE_BYTES = 24 * MiB;
// Each file takes ~12 s: long enough for many progress events from all ten at once.
const BYTES_PER_SECOND_PER_CONNECTION = 2 * MiB;
const PORT = Number(process.env.BENCH_PORT ?? 3290);
const ADMIN = { email: "bench@studio.test", password: "bench-admin-password" };
const REPO = "bench/live-events";

const exec = promisify(execFile);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

function catalogue(): SimCatalogue {
  const files = Array.from({ length: DOWNLOADS }, (_, index) => ({ path: `live_${index}.safetensors`, size: FILE_BYTES }));
  return { civitai: { models: [] }, huggingface: { repos: [{ id: REPO, files }] } };
}

function workflow(): string {
  return uiWorkflow(
    Array.from({ length: DOWNLOADS }, (_, index) => {
      const name = `live_${index}.safetensors`;
      return { ...checkpoint(name), models: [{ name, url: `https://huggingface.co/${REPO}/resolve/main/${name}`, directory: "checkpoints" }] };
    }),
  );
}

/** Reads the run's event stream straight off the route, noting when each event arrived. */
async function readStream(url: string, apiKey: string, signal: AbortSignal, latencies: number[]): Promise<void> {
  const openedAt = Date.now();
  const response = await fetch(url, { headers: { Authorization: `Bearer ${apiKey}`, Accept: "text/event-stream" }, signal });
  const parser = createParser({
    onEvent(message) {
      const event = JSON.parse(message.data) as { type?: string; at?: string };
      // Events published before the stream opened are replayed, not live.
      if (event.type === "model.progress" && event.at && Date.parse(event.at) >= openedAt) latencies.push(Date.now() - Date.parse(event.at));
    },
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) parser.feed(chunk.value);
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}

async function main() {
  await buildDist();
  const databaseName = uniqueDatabaseName("cf_bench_live");
  const databaseUrl = await createDatabase(databaseName);
  const scratch = await mkdtemp(join(tmpdir(), "cf-bench-live-"));
  await mkdir(join(scratch, "models"), { recursive: true });
  const sim = await startUpstreamSim({ catalogue: catalogue(), bytesPerSecondPerConnection: BYTES_PER_SECOND_PER_CONNECTION });
  const base = `http://127.0.0.1:${PORT}`;
  const env = {
    ...process.env,
    ...simEnv(sim),
    DATABASE_URL: databaseUrl,
    PORT: String(PORT),
    HOST: "127.0.0.1",
    COMFYUI_MODELS_DIR: join(scratch, "models"),
    COMFYFIXER_SECRET_KEY: "bench-only-secret-key-0123456789abcdef",
    COMFYFIXER_ADMIN_EMAIL: ADMIN.email,
    COMFYFIXER_ADMIN_PASSWORD: ADMIN.password,
  };
  const output: string[] = [];
  const app = spawn(process.execPath, ["--import", "tsx", "src/launcher/main.ts"], {
    cwd: projectRoot(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  app.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  app.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const direct = new AbortController();
  try {
    console.log("starting the product (it builds the web app first when the build is missing or stale)…");
    await waitFor(() => fetch(`${base}/api/health`).then((response) => response.ok), {
      timeoutMs: 300_000,
      pollMs: 500,
      what: `the app at ${base}`,
      explain: () => output.join("").slice(-3000),
    });
    const { stdout } = await exec(process.execPath, [join(projectRoot(), "bin", "comfyfixer.mjs"), "api-key", "create", "--user", ADMIN.email], { env });
    const apiKey = stdout.trim();
    const api = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${base}/api/trpc`, transformer: superjson, headers: { Authorization: `Bearer ${apiKey}` } })],
    });
    await api.settings.update.mutate({ download: { concurrency: DOWNLOADS, per_host_concurrency: DOWNLOADS } });

    const page = await browser.newPage({ baseURL: base });
    // Every event the page's own EventSource receives, with the moment it arrived.
    await page.addInitScript(() => {
      const watch = { openedAt: 0, received: [] as Array<{ at: string; type: string; receivedAt: number }> };
      (window as unknown as { benchEvents: typeof watch }).benchEvents = watch;
      const Native = window.EventSource;
      const received = watch.received;
      window.EventSource = class extends Native {
        constructor(url: string | URL, init?: EventSourceInit) {
          super(url, init);
          watch.openedAt ||= Date.now();
          this.addEventListener("message", (message) => {
            const event = JSON.parse((message as MessageEvent<string>).data) as { at?: string; type?: string };
            if (event.at && event.type) received.push({ at: event.at, type: event.type, receivedAt: Date.now() });
          });
        }
      } as typeof EventSource;
    });
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));

    const { id } = await api.runs.create.mutate({ workflows: [{ fileName: "live-events.json", content: workflow() }] });
    const directLatencies: number[] = [];
    const directStream = readStream(`${base}/api/runs/${id}/events`, apiKey, direct.signal, directLatencies);
    await page.goto(`/runs/${id}`);
    await page.locator('[data-run-status="completed"]').waitFor({ timeout: 300_000 });
    direct.abort();
    await directStream;

    const watch = await page.evaluate(
      () => (window as unknown as { benchEvents: { openedAt: number; received: Array<{ at: string; type: string; receivedAt: number }> } }).benchEvents,
    );
    // Events published before the page opened its stream are replayed at load, not live.
    const live = watch.received
      .filter((event) => event.type === "model.progress" && Date.parse(event.at) >= watch.openedAt)
      .map((event) => event.receivedAt - Date.parse(event.at));
    const run = await api.runs.get.query({ id });
    console.log(`${watch.received.length} events in the browser (${live.length} live progress), ${directLatencies.length} live progress events read directly`);
    console.log(`models installed: ${run.models.filter((model) => model.status === "installed").length} of ${DOWNLOADS}`);
    const p95 = percentile(live, 95);
    const directP95 = percentile(directLatencies, 95);
    console.log(`browser: p50 ${percentile(live, 50)} ms, p95 ${p95} ms, max ${Math.max(...live)} ms over ${live.length} live progress events`);
    report({
      name: `worker → browser event latency p95 (${DOWNLOADS} downloads in flight)`,
      value: p95,
      unit: "ms",
      baseline: { name: "same events read off the SSE route directly, p95", value: directP95, unit: "ms" },
      ratio: p95 / directP95,
      goal: "< 250 ms",
      met: p95 < 250,
    });
  } finally {
    direct.abort();
    await browser.close();
    await new Promise<void>((resolve) => {
      app.once("exit", () => resolve());
      process.kill(-app.pid!, "SIGINT");
      setTimeout(() => process.kill(-app.pid!, "SIGKILL"), 15_000).unref();
    });
    await sim.close();
    await dropDatabase(databaseName).catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
