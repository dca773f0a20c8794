import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comfyfixer } from "../../test/cli";
import { startComfyUIStandIn, v1Node } from "../../test/comfyui-standin";

let root: string;
const workflowPath = () => join(root, "flows", "a.json");

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "comfyfixer-analyze-cli-"));
  await mkdir(join(root, "flows"));
  await mkdir(join(root, "models", "checkpoints", "SDXL"), { recursive: true });
  await writeFile(join(root, "models", "checkpoints", "SDXL", "juggernaut.safetensors"), "x");
  await writeFile(
    workflowPath(),
    JSON.stringify({
      nodes: [
        { id: 4, type: "CheckpointLoaderSimple", mode: 0, widgets_values: ["SDXL\\juggernaut.safetensors"] },
        { id: 5, type: "LoraLoader", mode: 4, widgets_values: ["style.safetensors", 1, 1] },
      ],
    }),
  );
  await writeFile(join(root, "flows", "broken.json"), "{ not json");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("comfyfixer analyze", () => {
  it("prints the JSON report with presence from --models-dir, and exit 0 despite a broken file", async () => {
    const run = await comfyfixer(["analyze", join(root, "flows"), "--models-dir", join(root, "models"), "--json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toMatchObject({ workflows: 2, failed: 1, references: 2, unique: 2, present: 1, missing: 1 });
    const analysed = report.workflows.find((w: { path: string }) => w.path === workflowPath());
    expect(analysed).toMatchObject({ format: "ui", error: null });
    expect(analysed.models).toEqual([
      expect.objectContaining({
        name: "SDXL\\juggernaut.safetensors",
        folder: "checkpoints",
        nodeType: "CheckpointLoaderSimple",
        nodeId: "4",
        url: null,
        active: true,
        status: "present",
      }),
      expect.objectContaining({ name: "style.safetensors", folder: "loras", active: false, status: "missing" }),
    ]);
    expect(report.workflows.find((w: { path: string }) => w.path.endsWith("broken.json")).error).toMatch(/Not valid JSON/);
  }, 60_000);

  it("prints a human report and says when no models folder was given", async () => {
    const run = await comfyfixer(["analyze", workflowPath()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("checkpoints/SDXL\\juggernaut.safetensors  [CheckpointLoaderSimple #4]");
    expect(run.stdout).toContain("inactive");
    expect(run.stdout).toMatch(/no models folder given/);
  }, 60_000);

  it("uses COMFYUI_MODELS_DIR when --models-dir is absent", async () => {
    const run = await comfyfixer(["analyze", workflowPath(), "--json"], { COMFYUI_MODELS_DIR: join(root, "models") });
    expect(JSON.parse(run.stdout).summary).toMatchObject({ present: 1, missing: 1 });
  }, 60_000);

  it("exits 1 when nothing could be read and 2 on bad usage", async () => {
    expect((await comfyfixer(["analyze", join(root, "flows", "broken.json")])).code).toBe(1);
    expect((await comfyfixer(["analyze", join(root, "missing")])).code).toBe(1);
    const noPaths = await comfyfixer(["analyze"]);
    expect(noPaths.code).toBe(2);
    expect(noPaths.stderr).toMatch(/Usage: comfyfixer analyze/);
    expect((await comfyfixer(["analyze", "--bogus", workflowPath()])).code).toBe(2);
  }, 60_000);

  it("asks a running ComfyUI where its folders are, and which folder its unknown nodes read, with --comfyui-url", async () => {
    // Its checkpoints live outside any models/ folder; a pack's node lists the files of its own key.
    const elsewhere = join(root, "elsewhere", "ckpts");
    await mkdir(join(elsewhere, "SDXL"), { recursive: true });
    await writeFile(join(elsewhere, "SDXL", "juggernaut.safetensors"), "x");
    await mkdir(join(root, "elsewhere", "fancy"), { recursive: true });
    await writeFile(join(root, "elsewhere", "fancy", "fancy_v1.safetensors"), "f");
    const flow = join(root, "fancy-flow.json");
    await writeFile(
      flow,
      JSON.stringify({ nodes: [{ id: 2, type: "FancyModelLoader", mode: 0, inputs: [], outputs: [], widgets_values: ["fancy_v1.safetensors", "fp16"] }] }),
    );
    const standIn = await startComfyUIStandIn({
      folders: {
        checkpoints: { paths: [elsewhere], files: [{ name: "SDXL/juggernaut.safetensors" }] },
        loras: { paths: [join(root, "elsewhere", "loras")], files: [] },
        fancy_models: { paths: [join(root, "elsewhere", "fancy")], files: [{ name: "fancy_v1.safetensors" }] },
      },
      nodes: {
        FancyModelLoader: v1Node("FancyModelLoader", {
          required: { model_name: [["fancy_v1.safetensors"]], precision: [["fp16", "fp32"]] },
          output: ["FANCY_MODEL"],
          module: "custom_nodes.comfyui-fancy-pack",
        }),
      },
    });
    try {
      const cacheDir = join(root, "cache");
      const run = await comfyfixer(["analyze", workflowPath(), flow, "--comfyui-url", standIn.url, "--json"], { COMFYFIXER_CACHE_DIR: cacheDir });
      expect(run.code, run.stderr).toBe(0);
      const [first, fancy] = JSON.parse(run.stdout).workflows;
      expect(first.models.map((model: { name: string; status: string }) => [model.name, model.status])).toEqual([
        ["SDXL\\juggernaut.safetensors", "present"],
        ["style.safetensors", "missing"],
      ]);
      expect(fancy.models).toMatchObject([{ name: "fancy_v1.safetensors", folder: "fancy_models", status: "present" }]);
      expect(fancy.models[0].inferred).toBeUndefined();
      // Without the server the same file has no known folder: it is reported, not guessed into checkpoints.
      const alone = await comfyfixer(["analyze", flow, "--models-dir", join(root, "models"), "--json"], { COMFYFIXER_CACHE_DIR: cacheDir });
      expect(JSON.parse(alone.stdout).workflows[0].models).toMatchObject([{ name: "fancy_v1.safetensors", folder: "", status: "unplaced" }]);
    } finally {
      await standIn.close();
    }
  }, 60_000);
});
