import { describe, expect, it } from "vitest";
import { NODE_REGISTRY, canonicalFolder, folderWithin, inferFolder, isPlaceholder, looksLikeFileOf, looksLikeModelFile, lookupNode } from "./index";

describe("models-folder vocabulary", () => {
  // A template's `directory` is untrusted: the fuzz tier found a 372 KB run of slashes that took three minutes to read.
  it("reads a folder name of 400,000 slashes in one pass", () => {
    const directory = `${"/".repeat(400_000)}.safetensors`;
    expect(canonicalFolder(directory)).toBe(directory);
  });

  it("normalises legacy and pack folder keys to the folder references use", () => {
    expect(canonicalFolder("unet")).toBe("diffusion_models");
    expect(canonicalFolder("clip")).toBe("text_encoders");
    expect(canonicalFolder("loras/")).toBe("loras");
    expect(canonicalFolder("models\\vae")).toBe("vae");
    // XLabs-AI/x-flux-comfyui nodes.py:55 registers the key xlabs_loras for models/xlabs/loras.
    expect(canonicalFolder("xlabs_loras")).toBe("xlabs/loras");
    // ltdrdata/ComfyUI-Impact-Subpack modules/subpack_nodes.py:9: ultralytics_bbox is models/ultralytics/bbox, not ultralytics.
    expect(canonicalFolder("ultralytics_bbox")).toBe("ultralytics/bbox");
    // city96/ComfyUI_ExtraModels T5/nodes.py:14-20: t5 is a folder of its own.
    expect(canonicalFolder("t5")).toBe("t5");
    expect(canonicalFolder("unet_gguf")).toBe("diffusion_models");
    expect(canonicalFolder("llm")).toBe("LLM");
  });

  it("finds the known folder a sub-folder lies in", () => {
    const keys = new Set(["checkpoints", "custom_nodes/ComfyUI-Frame-Interpolation/ckpts"]);
    expect(folderWithin("custom_nodes/ComfyUI-Frame-Interpolation/ckpts/rife", (key) => keys.has(key))).toEqual({
      folder: "custom_nodes/ComfyUI-Frame-Interpolation/ckpts",
      subPath: "rife",
    });
    expect(folderWithin("checkpoints/dynamicrafter/controlnet", (key) => keys.has(key))).toEqual({
      folder: "checkpoints",
      subPath: "dynamicrafter/controlnet",
    });
    expect(folderWithin("sam2", (key) => keys.has(key))).toEqual({ folder: "sam2", subPath: "" });
  });

  it("recognises model files, a folder's own extensions and placeholders", () => {
    expect(looksLikeModelFile("SDXL\\a.SafeTensors")).toBe(true);
    expect(looksLikeModelFile("model.gguf")).toBe(true);
    expect(looksLikeModelFile("https://x.test/a.safetensors")).toBe(false);
    expect(looksLikeModelFile("notes.txt")).toBe(false);
    // Acly/comfyui-inpaint-nodes __init__.py:6-21 adds .patch to the inpaint folder.
    expect(looksLikeFileOf("inpaint_v26.fooocus.patch", "inpaint")).toBe(true);
    expect(looksLikeFileOf("notes.txt", "loras")).toBe(false);
    expect(isPlaceholder("Baked VAE")).toBe(true);
    expect(isPlaceholder("[None]")).toBe(true);
  });

  it("looks MultiGPU wrappers up as the loader they wrap (pollockjj/ComfyUI-MultiGPU wrappers.py:25-35)", () => {
    expect(lookupNode("CheckpointLoaderSimpleDisTorchMultiGPU")?.slots).toEqual(lookupNode("CheckpointLoaderSimple")?.slots);
    expect(lookupNode("UnetLoaderGGUFDisTorchLegacyMultiGPU")?.slots).toEqual(lookupNode("UnetLoaderGGUF")?.slots);
    expect(lookupNode("NoSuchLoaderMultiGPU")).toBeUndefined();
    expect(lookupNode("MultiGPU")).toBeUndefined();
  });

  it("says where every entry was read", () => {
    for (const [type, spec] of NODE_REGISTRY) {
      expect(spec.source, type).toMatch(/\S/);
      expect(spec.pack, type).toMatch(/\S+@\S+/);
    }
  });

  it("uses only the folders references use, never a legacy key", () => {
    for (const spec of NODE_REGISTRY.values()) {
      for (const slot of spec.slots ?? []) expect(canonicalFolder(slot.folder)).toBe(slot.folder);
    }
  });
});

describe("the folder of a file in an unknown node", () => {
  it("trusts the file's own family before the words around it", () => {
    // A CLIP vision file behind a widget named clip_name is still a CLIP vision model.
    expect(inferFolder({ widgetName: "clip_name", nodeType: "X", fileName: "clip_vision_h.safetensors" })).toBe("clip_vision");
    expect(inferFolder({ nodeType: "Thing", fileName: "4x-UltraSharp.pth" })).toBe("upscale_models");
    expect(inferFolder({ nodeType: "Thing", fileName: "RealESRGAN_x4plus.pth" })).toBe("upscale_models");
    expect(inferFolder({ nodeType: "Thing", fileName: "GFPGANv1.4.pth" })).toBe("facerestore_models");
    expect(inferFolder({ nodeType: "Thing", fileName: "sam_vit_b_01ec64.pth" })).toBe("sams");
    expect(inferFolder({ nodeType: "Thing", fileName: "face_yolov8m.pt" })).toBe("ultralytics/bbox");
    expect(inferFolder({ nodeType: "Thing", fileName: "person_yolov8m-seg.pt" })).toBe("ultralytics/segm");
    expect(inferFolder({ nodeType: "Thing", fileName: "sdxl_vae.safetensors" })).toBe("vae");
  });

  it("reads what the node outputs when the name says nothing", () => {
    const sockets = { inputs: [], outputs: ["MODEL", "CLIP", "VAE"] };
    expect(inferFolder({ nodeType: "Thing", fileName: "epicrealism_naturalSinRC1VAE.safetensors", sockets })).toBe("checkpoints");
    expect(inferFolder({ nodeType: "Thing", fileName: "x.safetensors", sockets: { inputs: ["VAE"], outputs: ["BASIC_PIPE"] } })).toBe("checkpoints");
    expect(inferFolder({ nodeType: "Thing", fileName: "x.pth", sockets: { inputs: [], outputs: ["UPSCALE_MODEL"] } })).toBe("upscale_models");
  });

  it("does not let a pack name in the node type beat the kind it names", () => {
    expect(inferFolder({ nodeType: "Checkpoint Loader (LoraManager)", fileName: "model.safetensors" })).toBe("checkpoints");
    expect(inferFolder({ nodeType: "MyVAELoader", fileName: "a.pt" })).toBe("vae");
  });

  it("places nothing it has no evidence for", () => {
    expect(inferFolder({ nodeType: "Thing", fileName: "model.safetensors" })).toBeNull();
    expect(inferFolder({ nodeType: "FancyModelLoader", fileName: "fancy_v1.safetensors" })).toBeNull();
  });
});
