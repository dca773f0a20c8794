// `comfyfixer resolve` as a user runs it, against the upstream simulator over 127.0.0.1, with its file cache.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolverCatalogue, startSim } from "../../test/fixtures/resolve";
import { comfyfixer as runCli } from "../../test/cli";
import type { ResolveReport } from "./resolve";
import { type UpstreamSim } from "../../test/sim";

let sim: UpstreamSim;
let root: string;

const comfyfixer = (args: string[]) =>
  runCli(args, {
    CIVITAI_API_TOKEN: undefined,
    HF_TOKEN: undefined,
    CIVITAI_BASE_URL: sim.civitaiUrl,
    HF_ENDPOINT: sim.hfUrl,
    COMFYFIXER_CACHE_DIR: join(root, "cache"),
    COMFYFIXER_ALLOW_PRIVATE_NETWORKS: "1",
    COMFYFIXER_MANAGER_MODEL_LIST: "off",
  });

beforeAll(async () => {
  sim = await startSim(resolverCatalogue());
  root = await mkdtemp(join(tmpdir(), "comfyfixer-resolve-cli-"));
  await mkdir(join(root, "models", "loras"), { recursive: true });
  await writeFile(join(root, "models", "loras", "add_detail.safetensors"), "x");
  await writeFile(
    join(root, "flow.json"),
    JSON.stringify({
      nodes: [
        { id: 1, type: "CheckpointLoaderSimple", mode: 0, widgets_values: ["SDXL\\juggernautXL_v9.safetensors"] },
        { id: 2, type: "UpscaleModelLoader", mode: 0, widgets_values: ["4x_Upscaler.pth"] },
        { id: 3, type: "LoraLoader", mode: 0, widgets_values: ["add_detail.safetensors", 1, 1] },
        { id: 4, type: "LoraLoader", mode: 0, widgets_values: ["nowhere_style.safetensors", 1, 1] },
      ],
    }),
  );
});
afterAll(async () => {
  await sim?.close();
  await rm(root, { recursive: true, force: true });
});

describe("comfyfixer resolve", () => {
  it("adds a resolution to every missing model in the analysis JSON, and answers a second run from its cache", async () => {
    const first = await comfyfixer(["resolve", join(root, "flow.json"), "--models-dir", join(root, "models"), "--json"]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(3);
    const report = JSON.parse(first.stdout) as ResolveReport;
    const models = report.workflows[0]!.models;
    const byName = (name: string) => models.find((model) => model.name === name)!;
    expect(byName("SDXL\\juggernautXL_v9.safetensors").resolution).toMatchObject({
      status: "resolved",
      source: "civitai",
      url: `${sim.civitaiUrl}/api/download/models/11?fileId=111`,
    });
    expect(byName("4x_Upscaler.pth").resolution).toMatchObject({ status: "resolved", source: "huggingface", size: 5 * 1024 });
    // What the resolver tried is in the JSON, source by source.
    expect(byName("nowhere_style.safetensors").resolution?.attempts).toEqual(
      expect.arrayContaining([
        { source: "civitai", query: 'search "nowhere style" (types LORA, LoCon, DoRA)', result: '0 models; no file named "nowhere_style.safetensors"' },
      ]),
    );
    expect(byName("nowhere_style.safetensors").resolution).toMatchObject({ status: "not_found", source: null, url: null });
    expect(byName("add_detail.safetensors")).toMatchObject({ status: "present" });
    expect(byName("add_detail.safetensors").resolution).toBeUndefined();
    expect(report.summary.resolution).toMatchObject({ resolved: 2, not_found: 1 });
    expect(report.summary.cache.misses).toBeGreaterThan(report.summary.cache.hits); // a fresh cache: mostly misses

    const requestsBefore = sim.requests.length;
    const second = JSON.parse((await comfyfixer(["resolve", join(root, "flow.json"), "--models-dir", join(root, "models"), "--json"])).stdout) as ResolveReport;
    expect(second.summary.cache).toEqual({ hits: report.summary.cache.misses + report.summary.cache.hits, misses: 0 });
    expect(second.workflows).toEqual(report.workflows);
    expect(sim.requests.length).toBe(requestsBefore);
  });

  it("prints each answer with its reason for a person", async () => {
    const run = await comfyfixer(["resolve", join(root, "flow.json")]);
    expect(run.stdout).toContain("✓ checkpoints/SDXL\\juggernautXL_v9.safetensors  resolved");
    expect(run.stdout).toContain('exact file name "4x_Upscaler.pth" in huggingface repo sim-labs/4x-upscaler');
    expect(run.stdout).toContain("✗ loras/nowhere_style.safetensors  not_found");
    expect(run.stdout).toMatch(/4 unique model\(s\), 4 missing: 3 resolved, 1 not found \(cache: \d+ hit/);
  });

  it("asks for a workflow", async () => {
    const run = await comfyfixer(["resolve"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Give at least one workflow file or folder.");
  });
});
