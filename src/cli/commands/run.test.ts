// `comfyfixer run` as a user runs it: a child process, the upstream simulator over loopback, real files on disk.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../core/config/project-root";
import { modelBaseName, normaliseModelName } from "../../core/model";
import { comfyfixer } from "../../test/cli";
import { simEnv } from "../../test/sim-env";
import {
  catalogueFromExpected,
  type ExpectedModels,
  DEMO_AMBIGUOUS_FILE,
  demoCatalogue,
  startUpstreamSim,
  type UpstreamSim,
  DEMO_PRESENT_FILES,
  demoWorkflows,
} from "../../test/sim";

type ReportModel = {
  name: string;
  folder: string;
  status: string;
  path: string | null;
  sha256: string | null;
  bytes: number;
  error: string | null;
  active: boolean;
};
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

  it("exits 2 with the usage for bad flags", async () => {
    const run = await comfyfixer(["run", join(scratch, "workflows"), "--concurrency", "11", "--models-dir", scratch]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--concurrency must be a whole number from 1 to 10/);
    expect((await comfyfixer(["run", join(scratch, "workflows")])).stderr).toMatch(/--models-dir/);
  });
});

const corpusDir = resolve(projectRoot(), "../shared/corpus");

// Needs the shared corpus of real public workflows (absent from a fresh clone of this project).
describe.skipIf(!existsSync(join(corpusDir, "expected.json")))("comfyfixer run on real corpus workflows", () => {
  let sim: UpstreamSim;
  let scratch: string;
  const expected = (existsSync(join(corpusDir, "expected.json")) ? JSON.parse(readFileSync(join(corpusDir, "expected.json"), "utf8")) : {}) as ExpectedModels;
  const files = Object.keys(expected)
    .filter((file) => expected[file]!.length >= 2 && expected[file]!.length <= 6)
    .slice(0, 4);

  beforeAll(async () => {
    sim = await startUpstreamSim({ catalogue: catalogueFromExpected(expected, { sizeBytes: 32 * 1024 }) });
    scratch = await mkdtemp(join(tmpdir(), "cf-cli-corpus-"));
  });
  afterAll(async () => {
    await sim?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("installs every model the workflows need into its folder, verified", async () => {
    const run = await comfyfixer(
      ["run", ...files.map((file) => join(corpusDir, "workflows", file)), "--models-dir", join(scratch, "models"), "--json", "--include-inactive"],
      { ...simEnv(sim), COMFYFIXER_CACHE_DIR: join(scratch, "cache") },
    );
    const report = JSON.parse(run.stdout) as Report;
    const wanted = new Set(files.flatMap((file) => expected[file]!.map((model) => `${model.folder}/${normaliseModelName(model.name)}`)));
    const got = models(report)
      .filter((model) => model.status === "installed")
      .map((model) => `${model.folder}/${normaliseModelName(model.name)}`);
    const notInstalled = models(report).filter((model) => model.status !== "installed" && model.status !== "present");
    expect(notInstalled, JSON.stringify(notInstalled, null, 2)).toEqual([]);
    expect(new Set(got)).toEqual(wanted);
    expect(run.code).toBe(0);
  });
});
