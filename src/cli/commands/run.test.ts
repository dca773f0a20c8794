// `comfyfixer run` as a user runs it: a child process, the upstream simulator over loopback, real files on disk.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelBaseName } from "../../core/model";
import { comfyfixer } from "../../test/cli";
import { simEnv } from "../../test/sim-env";
import { corpusCatalogue, corpusExpectedPath, readCorpusExpected } from "../../test/fixtures/corpus";
import {
  type CorpusCatalogue,
  type ExpectedModels,
  DEMO_AMBIGUOUS_FILE,
  demoCatalogue,
  startUpstreamSim,
  type UpstreamSim,
  DEMO_PRESENT_FILES,
  demoWorkflows,
  checkpoint,
  uiWorkflow,
} from "../../test/sim";
import type { RunReportModel } from "../run/report";

type ReportModel = RunReportModel;
type Report = { workflows: Array<{ path: string; models: ReportModel[] }>; summary: Record<string, number> };

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const models = (report: Report) => report.workflows.flatMap((workflow) => workflow.models);

describe("comfyfixer run (in-process)", () => {
  let sim: UpstreamSim;
  let scratch: string;
  const env = () => ({ ...simEnv(sim), COMFYFIXER_CACHE_DIR: join(scratch, "cache") });

  beforeAll(async () => {
    sim = await startUpstreamSim({ catalogue: demoCatalogue({ sizeScale: 1 / 32 }) });
    scratch = await mkdtemp(join(tmpdir(), "cf-cli-run-"));
    await mkdir(join(scratch, "workflows"));
    for (const [name, content] of Object.entries(demoWorkflows(DEMO_AMBIGUOUS_FILE))) await writeFile(join(scratch, "workflows", name), content);
    for (const file of DEMO_PRESENT_FILES) {
      await mkdir(join(scratch, "models", file, ".."), { recursive: true });
      await writeFile(join(scratch, "models", file), "present");
    }
  });
  afterAll(async () => {
    await sim?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("installs what it can, reports the rest, and exits 3 because some models are still missing", async () => {
    const run = await comfyfixer(["run", join(scratch, "workflows"), "--models-dir", join(scratch, "models"), "--json", "--concurrency", "2"], env());
    expect(run.code, run.stderr).toBe(3);
    const report = JSON.parse(run.stdout) as Report;
    const byName = Object.fromEntries(models(report).map((model) => [model.name, model]));
    expect(byName["SDXL/juggernautXL_v9.safetensors"]).toMatchObject({ status: "installed", folder: "checkpoints" });
    expect(byName["4x_already_installed.pth"]).toMatchObject({ status: "present" });
    expect(byName[DEMO_AMBIGUOUS_FILE]).toMatchObject({ status: "ambiguous" });
    expect(byName["members_only_style.safetensors"]).toMatchObject({ status: "needs_auth" });
    expect(byName["members_only_style.safetensors"]!.error).toMatch(/CIVITAI_API_TOKEN|token|log/i);
    for (const model of models(report).filter((entry) => entry.status === "installed")) {
      const bytes = await readFile(model.path!);
      expect(sha256(bytes), model.name).toBe(model.sha256);
      expect(model.sha256).toBe(
        sim.fileInfo(modelBaseName(model.name).includes(".") ? modelBaseName(model.name) : `${modelBaseName(model.name)}.safetensors`).sha256,
      );
      expect(resolve(model.path!).startsWith(join(scratch, "models") + "/"), model.path!).toBe(true);
    }
    expect(report.summary).toMatchObject({ workflows_scanned: 3, models_failed: 0 });
    expect(report.summary.models_downloaded).toBe(models(report).filter((model) => model.status === "installed").length);
    expect(report.summary.models_downloaded).toBeGreaterThanOrEqual(7);
  });

  it("a second run installs nothing new and answers from the cache", async () => {
    const run = await comfyfixer(["run", join(scratch, "workflows"), "--models-dir", join(scratch, "models"), "--json"], env());
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary.models_downloaded).toBe(0);
    expect(models(report).filter((model) => model.status === "present").length).toBeGreaterThanOrEqual(8);
    expect(report.summary.cache_hits).toBeGreaterThan(0);
  });

  it("with --dry-run resolves but downloads nothing", async () => {
    const fresh = join(scratch, "dry-models");
    const run = await comfyfixer(["run", join(scratch, "workflows", "sd15-detail.json"), "--models-dir", fresh, "--dry-run", "--json"], env());
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout) as Report;
    expect(models(report).map((model) => model.status)).toEqual(["resolved", "resolved", "resolved", "resolved"]);
    expect(existsSync(join(fresh, "checkpoints"))).toBe(false);
  });

  it("installs a non-primary Civitai file (a .ckpt beside the .safetensors) byte for byte, and says what it tried (review finding 1)", async () => {
    await writeFile(join(scratch, "ckpt.json"), uiWorkflow([checkpoint("dreamshaper_8.ckpt")]));
    const run = await comfyfixer(["run", join(scratch, "ckpt.json"), "--models-dir", join(scratch, "ckpt-models"), "--json"], env());
    expect(run.code, run.stderr).toBe(0);
    const [model] = models(JSON.parse(run.stdout) as Report);
    const ckpt = sim.fileInfo({ civitaiFileId: 9003 });
    expect(model).toMatchObject({ status: "installed", sha256: ckpt.sha256, bytes: ckpt.size });
    expect(sha256(await readFile(model!.path!))).toBe(ckpt.sha256);
    expect(model!.resolution?.attempts).toEqual(
      expect.arrayContaining([
        {
          source: "civitai",
          query: 'search "dreamshaper" (types Checkpoint, Other)',
          result: '1 models; "dreamshaper_8.ckpt" in civitai model "DreamShaper" version "8"',
        },
      ]),
    );
  });

  it("exits 2 with the usage for bad flags", async () => {
    const run = await comfyfixer(["run", join(scratch, "workflows"), "--concurrency", "11", "--models-dir", scratch]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--concurrency must be a whole number from 1 to 10/);
    expect((await comfyfixer(["run", join(scratch, "workflows")])).stderr).toMatch(/--models-dir/);
  });
});

// Needs the shared corpus of real public workflows (absent from a fresh clone of this project).
describe.skipIf(!readCorpusExpected())("comfyfixer run on real corpus workflows", () => {
  let sim: UpstreamSim;
  let scratch: string;
  let catalogue: CorpusCatalogue;
  const expected = readCorpusExpected() ?? ({} as ExpectedModels);
  const corpusDir = dirname(corpusExpectedPath());
  const files = Object.keys(expected)
    .filter((file) => expected[file]!.length >= 2 && expected[file]!.length <= 6)
    .slice(0, 4);

  beforeAll(async () => {
    catalogue = corpusCatalogue(expected, { sizeBytes: 32 * 1024 });
    sim = await startUpstreamSim({ catalogue });
    scratch = await mkdtemp(join(tmpdir(), "cf-cli-corpus-"));
  });
  afterAll(async () => {
    await sim?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("installs every model it can find as the real sites name things, verified, and says why for the others", async () => {
    const run = await comfyfixer(
      ["run", ...files.map((file) => join(corpusDir, "workflows", file)), "--models-dir", join(scratch, "models"), "--json", "--include-inactive"],
      { ...simEnv(sim), COMFYFIXER_CACHE_DIR: join(scratch, "cache") },
    );
    const report = JSON.parse(run.stdout) as Report;
    const installed = models(report).filter((model) => model.status === "installed");
    for (const model of installed) expect(sha256(await readFile(model.path!)), model.name).toBe(model.sha256);
    // What a workflow links, or the known-models index knows, is always found.
    const findable = new Set(
      catalogue.placements
        .filter((placed) => placed.how === "workflow-link" || placed.how === "known-location")
        .map((placed) => `${placed.folder}/${placed.fileName}`),
    );
    const missed = models(report).filter(
      (model) => findable.has(`${model.folder}/${modelBaseName(model.name)}`) && model.status !== "installed" && model.status !== "present",
    );
    expect(missed, JSON.stringify(missed, null, 2)).toEqual([]);
    for (const model of models(report).filter((entry) => !["installed", "present"].includes(entry.status))) {
      expect(model.error ?? model.resolution?.reason, model.name).toBeTruthy();
    }
    expect(run.code).toBe(models(report).every((model) => ["installed", "present"].includes(model.status)) ? 0 : 3);
    expect(installed.length).toBeGreaterThan(0);
  });
});
