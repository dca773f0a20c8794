import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInventory } from "./build";
import { TargetPathError } from "../install/target";
import { locateModel, targetFor } from "./locate";
import { tempTrees } from "../../test/fixtures/inventory-tree";
import type { Inventory } from "./types";

const tree = tempTrees("locate");

describe("locateModel on a real install", () => {
  let inventory: Inventory;
  let models: string;

  beforeAll(async () => {
    const t = await tree.create();
    models = t.path("models");
    await t.file("models/checkpoints/SDXL/juggernautXL_v9.safetensors", "j");
    await t.file("models/checkpoints/Flux Dev ✓.safetensors", "f");
    await t.file("models/loras/detail/add_detail.safetensors", "d");
    await t.file("models/loras/wrong_place_vae.safetensors", "v");
    await t.file("models/embeddings/EasyNegative.safetensors", "e");
    await t.file("models/embeddings/sub/bad_hands.pt", "b");
    await t.file("models/unet/flux1-schnell.safetensors", "s");
    await t.file("models/clip/t5xxl.safetensors", "t");
    await t.file("models/upscale_models/Case.pth", "c");
    inventory = await buildInventory({ modelsDir: models });
  });

  it("finds a file at its exact relative path, with either separator", () => {
    const expected = join(models, "checkpoints", "SDXL", "juggernautXL_v9.safetensors");
    for (const name of ["SDXL/juggernautXL_v9.safetensors", "SDXL\\juggernautXL_v9.safetensors"]) {
      expect(locateModel(inventory, { name, folder: "checkpoints" })).toEqual({ status: "present", path: expected, expectedPath: expected, message: null });
    }
    expect(locateModel(inventory, { name: "Flux Dev ✓.safetensors", folder: "checkpoints" }).status).toBe("present");
  });

  it("applies ComfyUI's legacy folder names, whichever of the folder's paths holds the file", () => {
    expect(locateModel(inventory, { name: "flux1-schnell.safetensors", folder: "unet" })).toMatchObject({
      status: "present",
      path: join(models, "unet", "flux1-schnell.safetensors"),
    });
    expect(locateModel(inventory, { name: "flux1-schnell.safetensors", folder: "diffusion_models" }).status).toBe("present");
    expect(locateModel(inventory, { name: "t5xxl.safetensors", folder: "clip" })).toMatchObject({
      status: "present",
      expectedPath: join(models, "text_encoders", "t5xxl.safetensors"),
    });
  });

  it("calls a file in another subfolder misplaced, and says where it is and where ComfyUI looks", () => {
    const presence = locateModel(inventory, { name: "juggernautXL_v9.safetensors", folder: "checkpoints" });
    expect(presence.status).toBe("misplaced");
    expect(presence.path).toBe(join(models, "checkpoints", "SDXL", "juggernautXL_v9.safetensors"));
    expect(presence.expectedPath).toBe(join(models, "checkpoints", "juggernautXL_v9.safetensors"));
    expect(presence.message).toContain(`is at ${presence.path} (checkpoints/SDXL/juggernautXL_v9.safetensors)`);
    expect(presence.message).toContain(`ComfyUI looks for checkpoints/juggernautXL_v9.safetensors at ${presence.expectedPath}`);
  });

  it("calls a file in another folder misplaced", () => {
    const presence = locateModel(inventory, { name: "wrong_place_vae.safetensors", folder: "vae" });
    expect(presence).toMatchObject({
      status: "misplaced",
      path: join(models, "loras", "wrong_place_vae.safetensors"),
      expectedPath: join(models, "vae", "wrong_place_vae.safetensors"),
    });
    expect(locateModel(inventory, { name: "other/add_detail.safetensors", folder: "loras" })).toMatchObject({
      status: "misplaced",
      path: join(models, "loras", "detail", "add_detail.safetensors"),
    });
  });

  it("matches embeddings with or without their extension", () => {
    expect(locateModel(inventory, { name: "EasyNegative", folder: "embeddings" })).toMatchObject({
      status: "present",
      path: join(models, "embeddings", "EasyNegative.safetensors"),
    });
    expect(locateModel(inventory, { name: "EasyNegative.pt", folder: "embeddings" }).status).toBe("present");
    expect(locateModel(inventory, { name: "sub/bad_hands", folder: "embeddings" })).toMatchObject({
      status: "present",
      path: join(models, "embeddings", "sub", "bad_hands.pt"),
    });
    expect(locateModel(inventory, { name: "EasyNegative", folder: "loras" }).status).toBe("missing");
  });

  it("answers missing with where the download goes", () => {
    expect(locateModel(inventory, { name: "SDXL/new.safetensors", folder: "checkpoints" })).toEqual({
      status: "missing",
      path: null,
      expectedPath: join(models, "checkpoints", "SDXL", "new.safetensors"),
      message: '"SDXL/new.safetensors" is not in checkpoints nor anywhere else in this install.',
    });
  });

  it("treats case as the file system does", () => {
    expect(inventory.caseInsensitive).toBe(false); // tests run on a case-sensitive file system
    expect(locateModel(inventory, { name: "case.pth", folder: "upscale_models" }).status).toBe("missing");
    const insensitive: Inventory = { ...inventory, caseInsensitive: true };
    expect(locateModel(insensitive, { name: "case.pth", folder: "upscale_models" })).toMatchObject({
      status: "present",
      path: join(models, "upscale_models", "Case.pth"),
    });
  });

  it("never offers a path outside the models folders for a hostile name", () => {
    expect(locateModel(inventory, { name: "../../etc/passwd", folder: "checkpoints" })).toMatchObject({ status: "missing", expectedPath: null });
  });
});

describe("targetFor", () => {
  const inventory: Inventory = {
    roots: ["/srv/models"],
    folders: [{ folder: "loras", paths: ["/fast/loras", "/srv/models/loras"], fileCount: 0, totalBytes: 0 }],
    warnings: [],
    files: [],
  };
  const pathOf = (folder: string, name: string) => targetFor(inventory, { folder, name }).absolutePath;

  it("joins the name to the folder's first path, normalising separators", () => {
    expect(pathOf("loras", "style\\x.safetensors")).toBe("/fast/loras/style/x.safetensors");
    expect(pathOf("loras", "./a//b.safetensors")).toBe("/fast/loras/a/b.safetensors");
  });

  it("falls back to <models root>/<folder> for a folder it does not know, mapping legacy names", () => {
    expect(pathOf("ipadapter", "ip.bin")).toBe("/srv/models/ipadapter/ip.bin");
    expect(pathOf("unet", "f.safetensors")).toBe("/srv/models/diffusion_models/f.safetensors");
    expect(() => targetFor({ ...inventory, roots: [] }, { folder: "vae", name: "v.safetensors" })).toThrow(/No path is known for the models folder "vae"/);
  });

  it.each([["../../etc"], ["/etc"], ["a/../.."], ["C:\\x"]])("refuses the folder %j a workflow may declare", (folder) => {
    expect(() => targetFor(inventory, { folder, name: "x.safetensors" })).toThrow(TargetPathError);
  });

  it.each([
    ["../escape.safetensors", /climbs out/],
    ["sub/../../escape.safetensors", /climbs out/],
    ["..\\escape.safetensors", /climbs out/],
    ["/etc/passwd", /absolute path/],
    ["C:\\Windows\\x.dll", /drive letter/],
    ["\\\\server\\share\\x", /absolute path/],
    ["bad\0name", /NUL/],
    ["", /empty/],
  ])("refuses %j", (name, reason) => {
    expect(() => pathOf("loras", name)).toThrow(reason);
  });
});
