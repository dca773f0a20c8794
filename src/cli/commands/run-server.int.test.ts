// `comfyfixer run --server URL` when the server's run has a failure: the CLI follows the run a real worker does behind
// the real API routes (real PostgreSQL, the simulator), prints the report and exits 3. (Exit 0 and the refusals are in
// e2e/cli-server.spec.ts against the built app.)
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../core/config/project-root";
import { createTestAccount, createTestApiKey } from "../../test/accounts";
import { comfyfixer } from "../../test/cli";
import { TEST_SECRET_KEY, useTestDatabase } from "../../test/database";
import { startRouteServer, type RouteServer } from "../../test/route-server";
import { simEnv } from "../../test/sim-env";
import { checkpoint, demoCatalogue, lora, startUpstreamSim, uiWorkflow, type UpstreamSim } from "../../test/sim";
import { db } from "../../server/db/client";
import { serverEnv } from "../../server/env";
import { stopProcessRunQueue } from "../../server/jobs/run-queue";
import { createContextInner } from "../../server/trpc/init";
import { createCaller } from "../../server/trpc/root";

type Report = { status: string; workflows: Array<{ models: Array<{ name: string; status: string; error: string | null }> }>; summary: Record<string, number> };

describe("comfyfixer run --server", () => {
  const database = useTestDatabase();
  let server: RouteServer;
  let sim: UpstreamSim;
  let worker: ChildProcess;
  let scratch: string;
  const workerOutput: string[] = [];

  beforeAll(async () => {
    sim = await startUpstreamSim({ catalogue: demoCatalogue({ sizeScale: 1 / 1024 }) });
    scratch = await mkdtemp(join(tmpdir(), "cf-cli-server-"));
    // The route modules read the process's environment, as they do in the web process.
    Object.assign(process.env, { DATABASE_URL: database.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY });
    server = await startRouteServer(serverEnv());
    worker = spawn(process.execPath, [join(projectRoot(), "dist", "worker", "main.mjs")], {
      cwd: projectRoot(),
      env: { ...process.env, ...simEnv(sim), DATABASE_URL: database.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const ready = new Promise<void>((resolve, reject) => {
      worker.once("exit", (code) => reject(new Error(`the worker exited (${code}): ${workerOutput.join("\n")}`)));
      for (const stream of [worker.stdout!, worker.stderr!]) {
        createInterface({ input: stream }).on("line", (line) => {
          workerOutput.push(line);
          if (/worker .* ready/.test(line)) resolve();
        });
      }
    });
    await ready;
  });
  afterAll(async () => {
    worker?.kill("SIGKILL");
    await server?.close();
    await stopProcessRunQueue();
    await db().$disconnect();
    await sim?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("exits 3 with models_failed 1 when one download keeps failing on the server, and installs the rest", async () => {
    const admin = await createTestAccount(database, "admin", { env: serverEnv() });
    const modelsDir = join(scratch, "models");
    await createCaller(createContextInner({ db: database.db, env: serverEnv(), actor: admin.actor })).settings.update({ paths: { models_roots: [modelsDir] } });
    const workflow = join(scratch, "flow.json");
    await writeFile(workflow, uiWorkflow([checkpoint("dreamshaper_8.safetensors"), lora("add_detail.safetensors")]));
    sim.addFault({ server: "storage", pathIncludes: "add_detail", kind: "status", status: 500, times: 50 });

    const run = await comfyfixer(["run", workflow, "--server", server.url, "--models-dir", modelsDir, "--json"], {
      COMFYFIXER_API_KEY: await createTestApiKey(database, admin),
    });
    expect(run.code, `${run.stderr}\n${workerOutput.join("\n")}`).toBe(3);
    const report = JSON.parse(run.stdout) as Report;
    const byName = Object.fromEntries(report.workflows.flatMap((entry) => entry.models).map((model) => [model.name, model]));
    expect(byName["add_detail.safetensors"]).toMatchObject({ status: "failed" });
    expect(byName["add_detail.safetensors"]!.error).toMatch(/500/);
    expect(byName["dreamshaper_8.safetensors"]).toMatchObject({ status: "installed" });
    expect(report.summary).toMatchObject({ models_failed: 1, models_downloaded: 1 });
  }, 120_000);
});
