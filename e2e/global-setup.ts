// Starts the real product (launcher: web + worker) on a fresh database for the browser tests,
// talking to the upstream simulator instead of Civitai and Hugging Face. No account exists yet: the launcher prints
// the set-up link, which accounts.setup.ts opens in the browser to make the first admin.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDist } from "../scripts/build-dist.mjs";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../src/test/postgres-admin";
import { simEnv } from "../src/test/sim-env";
import { startUpstreamSim } from "../tools/upstream-sim";
import { E2E_BYTES_PER_SECOND, e2eCatalogue } from "./upstream";

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The app did not become healthy at ${url} within ${timeoutMs / 1000} s`);
}

/** The one-time link the launcher prints when no account exists. */
async function waitForSetupLink(output: string[], timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const link = /(http:\/\/\S+\/setup\?token=\S+)/.exec(output.join(""))?.[1];
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("The launcher printed no set-up link");
}

export default async function globalSetup() {
  await buildDist();
  const port = process.env.E2E_PORT ?? "3210";
  const databaseName = uniqueDatabaseName("cf_e2e");
  const databaseUrl = await createDatabase(databaseName);
  const scratch = await mkdtemp(join(tmpdir(), "cf-e2e-"));
  const modelsDir = join(scratch, "models");
  await mkdir(modelsDir, { recursive: true });
  process.env.E2E_SCRATCH = scratch;
  process.env.E2E_DATABASE_URL = databaseUrl;
  process.env.E2E_MODELS_DIR = modelsDir;
  const sim = await startUpstreamSim({ catalogue: e2eCatalogue(), bytesPerSecondPerConnection: E2E_BYTES_PER_SECOND });
  process.env.E2E_SIM_STORAGE_URL = sim.storageUrl;
  const app = spawn(process.execPath, ["--import", "tsx", "src/launcher/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: port,
      HOST: "127.0.0.1",
      COMFYUI_MODELS_DIR: modelsDir,
      COMFYFIXER_SECRET_KEY: "e2e-only-secret-key-0123456789abcdef",
      COMFYFIXER_ADMIN_EMAIL: "",
      COMFYFIXER_ADMIN_PASSWORD: "",
      ...simEnv(sim),
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(chunk.toString());
  app.stdout.on("data", keep);
  app.stderr.on("data", keep);
  try {
    await waitForHealth(`http://127.0.0.1:${port}/api/health`, 180_000);
    process.env.E2E_SETUP_URL = await waitForSetupLink(output, 30_000);
  } catch (error) {
    process.kill(-app.pid!, "SIGKILL");
    await sim.close();
    throw new Error(`${(error as Error).message}\n${output.join("").slice(-4000)}`);
  }
  return async () => {
    await new Promise<void>((resolve) => {
      app.once("exit", () => resolve());
      process.kill(-app.pid!, "SIGTERM");
      setTimeout(() => {
        try {
          process.kill(-app.pid!, "SIGKILL");
        } catch {
          // already gone
        }
        resolve();
      }, 20_000).unref();
    });
    await sim.close();
    await dropDatabase(databaseName);
    await rm(scratch, { recursive: true, force: true });
  };
}
