// `comfyfixer run --server URL`: the CLI hands the run to the dashboard's workers with an API key, follows it live and
// prints the result; without a key, or with a revoked one, the server refuses it.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { comfyfixer } from "../src/test/cli";
import { adminApiKey } from "./accounts";
import { api } from "./helpers";
import { checkpoint, lora, uiWorkflow, vae } from "../tools/upstream-sim/sample-workflows";

test("comfyfixer run --server installs through the dashboard with an API key, and is refused without one", async ({ baseURL }) => {
  test.setTimeout(150_000);
  const workflow = join(process.env.E2E_SCRATCH!, "cli-server.json");
  // Its own models folder (on the same machine as the server), so other specs' installs do not change its answers.
  const modelsDir = join(process.env.E2E_SCRATCH!, "cli-models");
  writeFileSync(workflow, uiWorkflow([checkpoint("cli/dreamshaper_8.safetensors"), vae("sdxl_vae.safetensors"), lora("add_detail.safetensors")]));
  const args = ["run", workflow, "--server", baseURL!, "--models-dir", modelsDir, "--json"];

  const withoutKey = await comfyfixer(args, { COMFYFIXER_API_KEY: undefined });
  expect(withoutKey.code).toBe(1);
  expect(withoutKey.stderr).toContain("The server needs an API key");

  // A folder the admin has not listed is refused, even with the admin's key.
  const unlisted = await comfyfixer(args, { COMFYFIXER_API_KEY: adminApiKey() });
  expect(unlisted.code).toBe(1);
  expect(unlisted.stderr).toContain("is not one of the models roots an admin configured");

  const settings = await api(baseURL!).settings.get.query();
  await api(baseURL!).settings.update.mutate({ paths: { models_roots: [...settings.settings.paths.models_roots, modelsDir] } });
  const run = await comfyfixer(args, { COMFYFIXER_API_KEY: adminApiKey() });
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

  // The dashboard has the same run in its history, started by the key's account.
  const detail = await api(baseURL!).runs.get.query({ id: report.runId });
  expect(detail.status).toBe("completed");
  expect(detail.startedBy).toBe("admin@studio.test");

  // A revoked key stops at once.
  const { id, key } = await api(baseURL!).account.createApiKey.mutate({ name: "soon revoked" });
  expect((await api(baseURL!, key).runs.list.query({})).total).toBeGreaterThan(0);
  await api(baseURL!).account.revokeApiKey.mutate({ id });
  const revoked = await comfyfixer(["run", workflow, "--server", baseURL!, "--models-dir", modelsDir, "--api-key", key]);
  expect(revoked.code).toBe(1);
  expect(revoked.stderr).toContain("The server refused the API key");
});
