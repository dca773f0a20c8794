import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comfyfixer } from "../../test/cli";

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

  it("asks a running ComfyUI where its folders are with --comfyui-url", async () => {
    // A stand-in for ComfyUI's /internal/folder_paths: its checkpoints live outside any models/ folder.
    const elsewhere = join(root, "elsewhere", "ckpts");
    await mkdir(join(elsewhere, "SDXL"), { recursive: true });
    await writeFile(join(elsewhere, "SDXL", "juggernaut.safetensors"), "x");
    const server = createServer((request, response) => {
      if (request.url !== "/internal/folder_paths") return void response.writeHead(404).end();
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ checkpoints: [elsewhere], loras: [join(root, "elsewhere", "loras")] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const run = await comfyfixer(["analyze", workflowPath(), "--comfyui-url", `http://127.0.0.1:${port}`, "--json"]);
      expect(run.code, run.stderr).toBe(0);
      const models = JSON.parse(run.stdout).workflows[0].models;
      expect(models.map((model: { name: string; status: string }) => [model.name, model.status])).toEqual([
        ["SDXL\\juggernaut.safetensors", "present"],
        ["style.safetensors", "missing"],
      ]);
    } finally {
      server.close();
    }
  }, 60_000);
});
