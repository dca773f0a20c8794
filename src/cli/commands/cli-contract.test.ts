// The `comfyfixer` command's contract as the README states it, through the real binary against the upstream simulator
// on small fixtures: exit 0 when every model is there, 3 when a download failed, 2 for a bad --config (naming the key),
// a partial --config that changes behaviour, and --extra-model-paths honoured by analyze, inventory and run.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comfyfixer } from "../../test/cli";
import { simEnv } from "../../test/sim-env";
import { checkpoint, demoCatalogue, lora, startUpstreamSim, uiWorkflow, vae, type UpstreamSim } from "../../test/sim";

type ReportModel = { name: string; folder: string; status: string; path: string | null; error: string | null };
type Report = { workflows: Array<{ models: ReportModel[] }>; summary: Record<string, number> };
const models = (report: Report) => report.workflows.flatMap((workflow) => workflow.models);

/** The most storage GETs that were open at one moment, from the simulator's own count at each arrival. */
const peakStorageGets = (sim: UpstreamSim) => Math.max(0, ...sim.requests.filter((r) => r.server === "storage" && r.method === "GET").map((r) => r.concurrent));

describe("the comfyfixer command's contract", () => {
  let sim: UpstreamSim;
  let scratch: string;
  let caseNumber = 0;
  const env = () => ({ ...simEnv(sim), COMFYFIXER_CACHE_DIR: join(scratch, "cache") });
  /** A fresh folder per case, so no case sees what another installed. */
  const caseDir = async () => {
    const dir = join(scratch, `case-${++caseNumber}`);
    await mkdir(join(dir, "models"), { recursive: true });
    return dir;
  };
  const write = async (path: string, content: string) => {
    await mkdir(join(path, ".."), { recursive: true });
    await writeFile(path, content);
    return path;
  };
  const runJson = async (args: string[]) => {
    const run = await comfyfixer(["run", ...args, "--json"], env());
    return { ...run, report: JSON.parse(run.stdout || "null") as Report };
  };

  beforeAll(async () => {
    // Files of 4–48 KiB at 64 KiB/s per connection: each download lasts long enough for parallel ones to overlap.
    sim = await startUpstreamSim({ catalogue: demoCatalogue({ sizeScale: 1 / 1024 }), bytesPerSecondPerConnection: 64 * 1024 });
    scratch = await mkdtemp(join(tmpdir(), "cf-cli-contract-"));
  });
  afterAll(async () => {
    await sim?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("run exits 0 when every model is already there, and asks no one", async () => {
    const dir = await caseDir();
    await write(join(dir, "models", "checkpoints", "dreamshaper_8.safetensors"), "present");
    await write(join(dir, "models", "loras", "add_detail.safetensors"), "present");
    const workflow = await write(join(dir, "flow.json"), uiWorkflow([checkpoint("dreamshaper_8.safetensors"), lora("add_detail.safetensors")]));
    sim.resetRequests();
    const run = await runJson([workflow, "--models-dir", join(dir, "models")]);
    expect(run.code, run.stderr).toBe(0);
    expect(models(run.report).map((model) => model.status)).toEqual(["present", "present"]);
    expect(sim.requests).toEqual([]);
  });

  it("run exits 3 when a download keeps failing (storage answers 500), with models_failed 1 and the others installed", async () => {
    const dir = await caseDir();
    const workflow = await write(join(dir, "flow.json"), uiWorkflow([checkpoint("dreamshaper_8.safetensors"), lora("add_detail.safetensors")]));
    sim.addFault({ server: "storage", pathIncludes: "add_detail", kind: "status", status: 500, times: 50 });
    try {
      const run = await runJson([workflow, "--models-dir", join(dir, "models")]);
      expect(run.code, run.stderr).toBe(3);
      const byName = Object.fromEntries(models(run.report).map((model) => [model.name, model]));
      expect(byName["add_detail.safetensors"]).toMatchObject({ status: "failed" });
      expect(byName["add_detail.safetensors"]!.error).toMatch(/500/);
      expect(byName["dreamshaper_8.safetensors"]).toMatchObject({ status: "installed" });
      expect(run.report.summary).toMatchObject({ models_failed: 1, models_downloaded: 1 });
    } finally {
      sim.clearFaults();
    }
  });

  it("--config with only [download] concurrency = 1 downloads one file at a time (default settings: several)", async () => {
    const missing = [
      checkpoint("dreamshaper_8.safetensors"),
      lora("add_detail.safetensors"),
      vae("sdxl_vae.safetensors"),
      checkpoint("SDXL/juggernautXL_v9.safetensors"),
    ];
    const parallel = await caseDir();
    sim.resetRequests();
    const byDefault = await runJson([await write(join(parallel, "flow.json"), uiWorkflow(missing)), "--models-dir", join(parallel, "models")]);
    expect(byDefault.code, byDefault.stderr).toBe(0);
    expect(peakStorageGets(sim)).toBeGreaterThan(1); // the measure can tell: with the defaults (3) downloads overlap

    const serial = await caseDir();
    const config = await write(join(serial, "comfyfixer.toml"), "[download]\nconcurrency = 1\n");
    sim.resetRequests();
    const oneAtATime = await runJson([await write(join(serial, "flow.json"), uiWorkflow(missing)), "--models-dir", join(serial, "models"), "--config", config]);
    expect(oneAtATime.code, oneAtATime.stderr).toBe(0);
    expect(models(oneAtATime.report).map((model) => model.status)).toEqual(["installed", "installed", "installed", "installed"]);
    expect(sim.requests.filter((request) => request.server === "storage" && request.method === "GET").length).toBeGreaterThanOrEqual(4);
    expect(peakStorageGets(sim)).toBe(1);
  });

  it("--config with a bad value exits 2 and names the key", async () => {
    const dir = await caseDir();
    const workflow = await write(join(dir, "flow.json"), uiWorkflow([checkpoint("dreamshaper_8.safetensors")]));
    const config = await write(join(dir, "bad.toml"), "[download]\nconcurrency = 99\n");
    const run = await comfyfixer(["run", workflow, "--models-dir", join(dir, "models"), "--config", config], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(config);
    expect(run.stderr).toMatch(/download\.concurrency/);
    const unknown = await write(join(dir, "unknown.toml"), "[download]\nconcurency = 2\n");
    const typo = await comfyfixer(["run", workflow, "--models-dir", join(dir, "models"), "--config", unknown], env());
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/concurency/);
  });

  it("--extra-model-paths makes a model outside --models-dir present for analyze, inventory and run", async () => {
    const dir = await caseDir();
    await write(join(dir, "elsewhere", "sd", "ckpt", "dreamshaper_8.safetensors"), "elsewhere");
    const yaml = await write(join(dir, "paths", "extra_model_paths.yaml"), `other:\n  base_path: ${join(dir, "elsewhere", "sd")}\n  checkpoints: ckpt\n`);
    const workflow = await write(join(dir, "flow.json"), uiWorkflow([checkpoint("dreamshaper_8.safetensors")]));
    const where = ["--models-dir", join(dir, "models"), "--extra-model-paths", yaml];

    const analyze = await comfyfixer(["analyze", workflow, ...where, "--json"], env());
    expect(analyze.code, analyze.stderr).toBe(0);
    expect(JSON.parse(analyze.stdout).workflows[0].models).toEqual([expect.objectContaining({ name: "dreamshaper_8.safetensors", status: "present" })]);
    // Without the yaml the same model is missing: the flag is what made it present.
    const without = await comfyfixer(["analyze", workflow, "--models-dir", join(dir, "models"), "--json"], env());
    expect(JSON.parse(without.stdout).workflows[0].models[0].status).toBe("missing");

    const inventory = await comfyfixer(["inventory", ...where, "--json"], env());
    expect(inventory.code, inventory.stderr).toBe(0);
    expect(inventory.stdout).toContain(join(dir, "elsewhere", "sd", "ckpt", "dreamshaper_8.safetensors"));

    sim.resetRequests();
    const run = await runJson([workflow, ...where]);
    expect(run.code, run.stderr).toBe(0);
    expect(models(run.report)).toEqual([
      expect.objectContaining({ status: "present", path: join(dir, "elsewhere", "sd", "ckpt", "dreamshaper_8.safetensors") }),
    ]);
    expect(sim.requests.filter((request) => request.server === "storage")).toEqual([]);
  });
});
