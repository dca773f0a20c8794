import { chmod } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildInventory } from "./build";
import { comfyfixer } from "../../test/cli";
import { tempTrees } from "../../test/fixtures/inventory-tree";
import type { Inventory } from "./types";

const tree = tempTrees("inventory");

/**
 * Root reads any folder whatever its mode (the DAC override capabilities); without those two capabilities root is held
 * to the mode bits like anyone else (capabilities(7)), so the unreadable folder is unreadable as root too.
 */
const withoutReadingEverything =
  process.getuid?.() === 0 ? ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"] : [];

const pathsOf = (inventory: Inventory, folder: string) => inventory.folders.find((entry) => entry.folder === folder)?.paths;
const filesOf = (inventory: Inventory, folder: string) => inventory.files.filter((file) => file.folder === folder).map((file) => file.relativePath);

describe("buildInventory over a models folder", () => {
  let inventory: Inventory;
  let models: string;

  beforeAll(async () => {
    const t = await tree.create();
    models = t.path("ComfyUI", "models");
    await t.file("ComfyUI/models/checkpoints/sd_xl_base_1.0.safetensors", "12345");
    await t.file("ComfyUI/models/checkpoints/SDXL/juggernaut v9.safetensors", "1234567890");
    await t.file("ComfyUI/models/loras/styles/ünïcode ✓ lora.safetensors", "x");
    await t.file("ComfyUI/models/clip/t5xxl_fp8.safetensors", "t5");
    await t.file("ComfyUI/models/text_encoders/clip_l.safetensors", "cl");
    await t.file("ComfyUI/models/unet/flux1-dev.safetensors", "flux");
    await t.file("ComfyUI/models/ipadapter/ip-adapter_sdxl.bin", "ip");
    await t.file("ComfyUI/models/ultralytics/bbox/face_yolov8m.pt", "yolo");
    await t.file("ComfyUI/models/my_pack_models/thing.pth", "thing");
    // Never models: hidden files and folders, partial downloads, temp files.
    await t.file("ComfyUI/models/checkpoints/.hidden.safetensors", "h");
    await t.file("ComfyUI/models/checkpoints/.cache/huggingface/blob.safetensors", "c");
    await t.file("ComfyUI/models/checkpoints/downloading.safetensors.part", "p");
    await t.file("ComfyUI/models/checkpoints/scratch.TMP", "t");
    await t.file("ComfyUI/models/.cache/other/x.safetensors", "c");
    inventory = await buildInventory({ modelsDir: models });
  });

  it("finds the standard folders with ComfyUI's paths and order", () => {
    expect(inventory.roots).toEqual([models]);
    expect(pathsOf(inventory, "checkpoints")).toEqual([join(models, "checkpoints")]);
    expect(pathsOf(inventory, "text_encoders")).toEqual([join(models, "text_encoders"), join(models, "clip")]);
    expect(pathsOf(inventory, "diffusion_models")).toEqual([join(models, "unet"), join(models, "diffusion_models")]);
    expect(inventory.folders.map((folder) => folder.folder)).not.toContain("clip");
    expect(inventory.folders.map((folder) => folder.folder)).not.toContain("unet");
  });

  it("lists files with forward-slash relative paths, sizes, and the legacy folders under their modern keys", () => {
    expect(filesOf(inventory, "checkpoints")).toEqual(["sd_xl_base_1.0.safetensors", "SDXL/juggernaut v9.safetensors"]);
    expect(filesOf(inventory, "loras")).toEqual(["styles/ünïcode ✓ lora.safetensors"]);
    expect(filesOf(inventory, "text_encoders").sort()).toEqual(["clip_l.safetensors", "t5xxl_fp8.safetensors"]);
    expect(filesOf(inventory, "diffusion_models")).toEqual(["flux1-dev.safetensors"]);
    const juggernaut = inventory.files.find((file) => file.relativePath.endsWith("juggernaut v9.safetensors"))!;
    expect(juggernaut).toMatchObject({
      folder: "checkpoints",
      root: join(models, "checkpoints"),
      absolutePath: join(models, "checkpoints", "SDXL", "juggernaut v9.safetensors"),
      size: 10,
    });
    expect(juggernaut.mtimeMs).toBeGreaterThan(0);
  });

  it("counts files and bytes per folder", () => {
    expect(inventory.folders.find((folder) => folder.folder === "checkpoints")).toMatchObject({ fileCount: 2, totalBytes: 15 });
    expect(inventory.folders.find((folder) => folder.folder === "vae")).toMatchObject({ fileCount: 0, totalBytes: 0 });
  });

  it("skips hidden files, .cache folders, .part and .tmp files", () => {
    const all = inventory.files.map((file) => file.absolutePath).join("\n");
    expect(all).not.toMatch(/hidden|\.cache|\.part|scratch/);
  });

  it("finds custom-node folders: known pack keys and any other folder under models/", () => {
    expect(filesOf(inventory, "ipadapter")).toEqual(["ip-adapter_sdxl.bin"]);
    // ultralytics_bbox is Impact Subpack's key for models/ultralytics/bbox (modules/subpack_nodes.py:9).
    expect(filesOf(inventory, "ultralytics/bbox")).toEqual(["face_yolov8m.pt"]);
    expect(filesOf(inventory, "ultralytics")).toEqual(["bbox/face_yolov8m.pt"]);
    expect(pathsOf(inventory, "my_pack_models")).toEqual([join(models, "my_pack_models")]);
    expect(filesOf(inventory, "my_pack_models")).toEqual(["thing.pth"]);
    expect(inventory.warnings).toEqual([]);
  });
});

describe("buildInventory with extra_model_paths.yaml", () => {
  it("reads the yaml beside models/: base_path, multi-line values, is_default, legacy keys, absolute paths", async () => {
    const t = await tree.create();
    const models = t.path("ComfyUI", "models");
    await t.file("ComfyUI/models/checkpoints/local.safetensors", "l");
    await t.file("shared/Stable-diffusion/a1111.safetensors", "a");
    await t.file("shared/Lora/one.safetensors", "1");
    await t.file("shared/LyCORIS/two.safetensors", "2");
    await t.file("fast-disk/unet/fast.safetensors", "f");
    await t.file("big disk/ckpt/big.safetensors", "b");
    await t.file(
      "ComfyUI/extra_model_paths.yaml",
      [
        "a111:",
        "  base_path: ../shared/",
        "  checkpoints: Stable-diffusion",
        "  loras: |",
        "    Lora",
        "    LyCORIS",
        "  embeddings: embeddings",
        "fast:",
        `  base_path: ${t.path("fast-disk")}`,
        "  is_default: true",
        "  unet: unet",
        "other:",
        `  checkpoints: ${t.path("big disk", "ckpt")}`,
        "  custom_nodes: custom_nodes",
        "",
      ].join("\n"),
    );
    const inventory = await buildInventory({ modelsDir: models });

    expect(inventory.roots).toEqual([models, t.path("shared"), t.path("fast-disk")]);
    expect(pathsOf(inventory, "checkpoints")).toEqual([join(models, "checkpoints"), t.path("shared", "Stable-diffusion"), t.path("big disk", "ckpt")]);
    expect(pathsOf(inventory, "loras")).toEqual([join(models, "loras"), t.path("shared", "Lora"), t.path("shared", "LyCORIS")]);
    // is_default puts the path first: it becomes the download target.
    expect(pathsOf(inventory, "diffusion_models")?.[0]).toBe(t.path("fast-disk", "unet"));
    expect(filesOf(inventory, "checkpoints")).toEqual(["local.safetensors", "a1111.safetensors", "big.safetensors"]);
    expect(filesOf(inventory, "loras")).toEqual(["one.safetensors", "two.safetensors"]);
    expect(filesOf(inventory, "diffusion_models")).toEqual(["fast.safetensors"]);
    expect(inventory.folders.map((folder) => folder.folder)).not.toContain("custom_nodes");
    expect(inventory.warnings).toEqual([`${t.path("shared", "embeddings")} is configured as a models folder but does not exist.`]);
  });

  it("takes extra yaml files without a models dir, and warns about broken ones instead of failing", async () => {
    const t = await tree.create();
    await t.file("elsewhere/loras/x.safetensors", "x");
    const good = await t.file("configs/good.yaml", `mine:\n  base_path: ${t.path("elsewhere")}\n  loras: loras\n`);
    const bad = await t.file("configs/bad.yaml", "mine: [unclosed\n");
    const warnings: string[] = [];
    const inventory = await buildInventory({ extraModelPaths: [good, bad, t.path("configs", "absent.yaml")], onWarning: (message) => warnings.push(message) });
    expect(filesOf(inventory, "loras")).toEqual(["x.safetensors"]);
    expect(inventory.roots).toEqual([t.path("elsewhere")]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("bad.yaml is not valid YAML");
    expect(warnings[1]).toContain("absent.yaml (ENOENT)");
    expect(inventory.warnings).toEqual(warnings);
  });

  it("refuses to run with nothing to scan", async () => {
    await expect(buildInventory({})).rejects.toThrow(/No models folder given/);
  });
});

describe("buildInventory with symlinks and unreadable folders", () => {
  it("follows symlinks to files and folders, and survives a loop", async () => {
    const t = await tree.create();
    const models = t.path("models");
    await t.file("storage/big.safetensors", "big");
    await t.file("storage/more/inner.safetensors", "in");
    await t.link("models/checkpoints/linked.safetensors", t.path("storage", "big.safetensors"));
    await t.link("models/checkpoints/storage", t.path("storage"));
    await t.link("models/checkpoints/sub/loop", t.path("models", "checkpoints"));
    await t.link("models/checkpoints/dangling.safetensors", t.path("nowhere"));

    const inventory = await buildInventory({ modelsDir: models });
    expect(filesOf(inventory, "checkpoints")).toEqual(["linked.safetensors", "storage/big.safetensors", "storage/more/inner.safetensors"]);
    expect(inventory.warnings).toHaveLength(2);
    expect(inventory.warnings.join("\n")).toContain(`${join(models, "checkpoints", "sub", "loop")} links back to a folder above it`);
    expect(inventory.warnings.join("\n")).toContain("dangling.safetensors is a broken symlink");
    const linked = inventory.files.find((file) => file.relativePath === "linked.safetensors")!;
    const target = inventory.files.find((file) => file.relativePath === "storage/big.safetensors")!;
    expect(linked.fileId).toBe(target.fileId);
  });

  it("reports an unreadable folder as a warning and keeps going (through the real command, as a process that cannot read it)", async () => {
    const t = await tree.create();
    await t.file("models/loras/fine.safetensors", "ok");
    const locked = await t.dir("models/loras/locked");
    await t.file("models/loras/locked/secret.safetensors", "s");
    await chmod(locked, 0o000);
    try {
      const run = await comfyfixer(["inventory", "--models-dir", t.path("models"), "--json"], {}, { prefix: withoutReadingEverything });
      expect(run.code, run.stderr).toBe(0);
      const inventory = JSON.parse(run.stdout) as { files: Array<{ folder: string; relativePath: string }>; warnings: string[] };
      expect(inventory.files.filter((file) => file.folder === "loras").map((file) => file.relativePath)).toEqual(["fine.safetensors"]);
      expect(inventory.warnings).toEqual([expect.stringContaining(`Cannot read folder ${locked} (EACCES)`)]);
    } finally {
      await chmod(locked, 0o755);
    }
  });

  it("can be cancelled", async () => {
    const t = await tree.create();
    await t.file("models/loras/a.safetensors");
    const controller = new AbortController();
    controller.abort(new Error("user cancelled"));
    await expect(buildInventory({ modelsDir: t.path("models"), signal: controller.signal })).rejects.toThrow("user cancelled");
  });
});

type Routes = Record<string, unknown>;

async function startFakeComfyUI(routes: Routes): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? "");
    const body = routes[request.url ?? ""];
    if (body === undefined) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

describe("buildInventory from a running ComfyUI", () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  it("takes folder paths from /internal/folder_paths and scans them", async () => {
    const t = await tree.create();
    await t.file("srv/models/checkpoints/a.safetensors", "a");
    await t.file("srv/extra/loras/b.safetensors", "b");
    const fake = await startFakeComfyUI({
      "/internal/folder_paths": {
        checkpoints: [t.path("srv", "models", "checkpoints")],
        loras: [t.path("srv", "extra", "loras"), t.path("srv", "models", "loras")],
        custom_nodes: [t.path("srv", "custom_nodes")],
      },
    });
    servers.push(fake.server);
    const inventory = await buildInventory({ comfyuiUrl: fake.url });
    expect(inventory.folders.map((folder) => [folder.folder, folder.paths])).toEqual([
      ["checkpoints", [t.path("srv", "models", "checkpoints")]],
      ["loras", [t.path("srv", "extra", "loras"), t.path("srv", "models", "loras")]],
    ]);
    expect(inventory.roots).toEqual([t.path("srv", "models")]);
    expect(inventory.files.map((file) => file.absolutePath)).toEqual([t.path("srv/models/checkpoints/a.safetensors"), t.path("srv/extra/loras/b.safetensors")]);
    expect(inventory.warnings).toEqual([]);
  });

  it("falls back to /experiment/models when /internal/folder_paths is not there", async () => {
    const t = await tree.create();
    await t.file("srv/models/vae/v.safetensors", "v");
    const fake = await startFakeComfyUI({ "/experiment/models": [{ name: "vae", folders: [t.path("srv", "models", "vae")] }] });
    servers.push(fake.server);
    const inventory = await buildInventory({ comfyuiUrl: fake.url + "/" });
    expect(fake.requests).toEqual(["/internal/folder_paths", "/experiment/models"]);
    expect(inventory.files.map((file) => [file.folder, file.relativePath])).toEqual([["vae", "v.safetensors"]]);
  });

  it("falls back to /models and the server's file lists when its folders are not visible here", async () => {
    const fake = await startFakeComfyUI({
      "/models": ["checkpoints", "loras"],
      "/experiment/models/checkpoints": [
        { name: "sdxl/base.safetensors", pathIndex: 0, modified: 1_700_000_000, size: 42 },
        { name: "half.safetensors.part", pathIndex: 0, modified: 1_700_000_000, size: 1 },
      ],
      "/experiment/models/loras": [],
    });
    servers.push(fake.server);
    const inventory = await buildInventory({ comfyuiUrl: fake.url, modelsDir: "/srv/comfy/models" });
    expect(inventory.files).toEqual([
      { folder: "checkpoints", root: "", relativePath: "sdxl/base.safetensors", absolutePath: "sdxl/base.safetensors", size: 42, mtimeMs: 1_700_000_000_000 },
    ]);
    expect(inventory.folders.find((folder) => folder.folder === "checkpoints")).toMatchObject({ fileCount: 1, totalBytes: 42 });
    expect(inventory.warnings).toEqual([expect.stringContaining("not visible from this machine")]);
  });

  it("says clearly when the server cannot be reached", async () => {
    const fake = await startFakeComfyUI({});
    await new Promise((resolve) => fake.server.close(resolve));
    await expect(buildInventory({ comfyuiUrl: fake.url })).rejects.toThrow(/Cannot reach ComfyUI at/);
  });

  it("says clearly when the server is not ComfyUI", async () => {
    const fake = await startFakeComfyUI({});
    servers.push(fake.server);
    await expect(buildInventory({ comfyuiUrl: fake.url })).rejects.toThrow(/answered none of/);
  });
});
