// `comfyfixer run --server URL`: the CLI hands the run to the dashboard's workers, follows it live and prints the result.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { comfyfixer } from "../src/test/cli";
import { api } from "./helpers";
import { checkpoint, lora, uiWorkflow, vae } from "../tools/upstream-sim/sample-workflows";

test("comfyfixer run --server installs through the dashboard and reports the run id", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const workflow = join(process.env.E2E_SCRATCH!, "cli-server.json");
  // Its own models folder (on the same machine as the server), so other specs' installs do not change its answers.
  const modelsDir = join(process.env.E2E_SCRATCH!, "cli-models");
  writeFileSync(workflow, uiWorkflow([checkpoint("cli/dreamshaper_8.safetensors"), vae("sdxl_vae.safetensors"), lora("add_detail.safetensors")]));

  const run = await comfyfixer(["run", workflow, "--server", baseURL!, "--models-dir", modelsDir, "--json"]);
  expect(run.code, run.stderr).toBe(0);
  const report = JSON.parse(run.stdout) as {
    runId: string;
    status: string;
    workflows: Array<{ models: Array<{ name: string; status: string; path: string; sha256: string }> }>;
    summary: { models_found: number; models_downloaded: number };
  };
  expect(report.runId).toMatch(/^[0-9a-f-]{36}$/);
  expect(report.status).toBe("completed");
  const models = report.workflows.flatMap((entry) => entry.models);
  expect(models.map((model) => model.name).sort()).toEqual(["add_detail.safetensors", "cli/dreamshaper_8.safetensors", "sdxl_vae.safetensors"]);
  for (const model of models) {
    expect(model.status).toBe("installed");
    expect(model.path.startsWith(modelsDir)).toBe(true);
    expect(createHash("sha256").update(readFileSync(model.path)).digest("hex")).toBe(model.sha256);
  }
  expect(report.summary).toMatchObject({ models_found: 3, models_downloaded: 3 });

  // The dashboard has the same run in its history.
  expect((await api(baseURL!).runs.get.query({ id: report.runId })).status).toBe("completed");
});
