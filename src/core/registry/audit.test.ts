// The registry audit's WRONG FOLDER items and MISSING loaders, each checked at its source: what a one-node workflow
// yields in both formats, and (for folders outside models/) where a real install has the file and a download goes.
import { describe, expect, it } from "vitest";
import { tempTrees } from "../../test/fixtures/inventory-tree";
import { buildInventory, locateModel, targetFor } from "../inventory";
import { normaliseModelName, type ModelRef } from "../model";
import { analyzeWorkflowText, uniqueModels } from "../workflow";
import { NODE_REGISTRY } from "./index";

const tree = tempTrees("audit");

type Found = { folder: string; name: string };

function analyse(format: "ui" | "api", type: string, widgets: unknown[] | Record<string, unknown>, properties?: Record<string, unknown>): ModelRef[] {
  const text =
    format === "ui"
      ? JSON.stringify({ nodes: [{ id: 1, type, mode: 0, inputs: [], outputs: [], properties, widgets_values: widgets }], links: [] })
      : JSON.stringify({ "1": { class_type: type, inputs: widgets } });
  const analysis = analyzeWorkflowText(text, `${type}.json`);
  expect(analysis.error).toBeNull();
  return uniqueModels(analysis.models).map(({ ref }) => ref);
}

const found = (refs: ModelRef[]): Found[] => refs.map((ref) => ({ folder: ref.folder, name: normaliseModelName(ref.name) }));

/** The same node in UI format (widgets by position) and API format (inputs by name) must yield the same files. */
function both(type: string, ui: unknown[], api: Record<string, unknown>): Found[] {
  const fromUi = found(analyse("ui", type, ui));
  expect(found(analyse("api", type, api))).toEqual(fromUi);
  return fromUi;
}

describe("WRONG FOLDER 1: VAELoader's tiny autoencoders (comfyanonymous/ComfyUI nodes.py:754-847 @ 77917ed3)", () => {
  it.each([
    ["taehv.safetensors", [{ folder: "vae_approx", name: "taehv.safetensors" }]],
    ["lighttaew2_2.pth", [{ folder: "vae_approx", name: "lighttaew2_2.pth" }]],
    ["taeltx_2.safetensors", [{ folder: "vae_approx", name: "taeltx_2.safetensors" }]],
    // Listed (the stem starts it) but loaded from vae: splitext(value)[0] must equal a stem (nodes.py:827).
    ["taehv_v2.safetensors", [{ folder: "vae", name: "taehv_v2.safetensors" }]],
    // Image tiny autoencoders: two files in vae_approx, offered only when both exist (nodes.py:756, 696-734).
    [
      "taef1",
      [
        { folder: "vae_approx", name: "taef1_encoder" },
        { folder: "vae_approx", name: "taef1_decoder" },
      ],
    ],
    [
      "taef2",
      [
        { folder: "vae_approx", name: "taef2_encoder" },
        { folder: "vae_approx", name: "taef2_decoder" },
      ],
    ],
    ["pixel_space", []],
    ["ae.safetensors", [{ folder: "vae", name: "ae.safetensors" }]],
  ])("VAELoader %s", (value, expected) => {
    expect(both("VAELoader", [value], { vae_name: value })).toEqual(expected);
    expect(both("VAELoaderDisTorch2MultiGPU", [value, "cuda:0", 0, "", "", true], { vae_name: value })).toEqual(expected);
  });

  it("VAELoaderKJ has no taeltx_2 and no taef2 (kijai/ComfyUI-KJNodes nodes/nodes.py:2302-2303 @ 3f200542)", () => {
    expect(both("VAELoaderKJ", ["taeltx_2.safetensors", "main_device", "bf16"], { vae_name: "taeltx_2.safetensors" })).toEqual([
      { folder: "vae", name: "taeltx_2.safetensors" },
    ]);
    expect(both("VAELoaderKJ", ["taehv.safetensors", "main_device", "bf16"], { vae_name: "taehv.safetensors" })).toEqual([
      { folder: "vae_approx", name: "taehv.safetensors" },
    ]);
    expect(both("VAELoaderKJ", ["taef2", "main_device", "bf16"], { vae_name: "taef2" })).toEqual([{ folder: "vae", name: "taef2" }]);
  });
});

describe("WRONG FOLDER 2: LoadWanVideoClipTextEncoder reads clip_vision (kijai/ComfyUI-WanVideoWrapper nodes_model_loading.py:2078, 2099-2102 @ 088128b)", () => {
  // The combo lists clip_vision then text_encoders, but the loader calls get_full_path_or_raise("clip_vision") first
  // (4e31081, 2025-11-13), which raises before its "legacy" text_encoders fallback can run.
  it("finds the file in clip_vision, calls one in text_encoders misplaced, and downloads into clip_vision", async () => {
    const t = await tree.create();
    await t.file("ComfyUI/models/clip_vision/open-clip-xlm-roberta-large-vit-huge-14_fp16.safetensors", "c");
    await t.file("ComfyUI/models/text_encoders/legacy_clip.safetensors", "l");
    const inventory = await buildInventory({ modelsDir: t.path("ComfyUI", "models") });
    const [ref] = analyse("ui", "LoadWanVideoClipTextEncoder", ["open-clip-xlm-roberta-large-vit-huge-14_fp16.safetensors", "fp16", "offload_device"]);
    expect(found(analyse("api", "LoadWanVideoClipTextEncoder", { model_name: ref!.name, precision: "fp16" }))).toEqual([
      { folder: "clip_vision", name: ref!.name },
    ]);
    expect(ref).toMatchObject({ folder: "clip_vision" });
    expect(locateModel(inventory, ref!)).toMatchObject({
      status: "present",
      path: t.path("ComfyUI/models/clip_vision/open-clip-xlm-roberta-large-vit-huge-14_fp16.safetensors"),
    });
    expect(locateModel(inventory, { ...ref!, name: "legacy_clip.safetensors" })).toMatchObject({
      status: "misplaced",
      expectedPath: t.path("ComfyUI/models/clip_vision/legacy_clip.safetensors"),
    });
    expect(targetFor(inventory, { ...ref!, name: "other_clip.safetensors" }).absolutePath).toBe(t.path("ComfyUI/models/clip_vision/other_clip.safetensors"));
  });
});

describe("WRONG FOLDER 3: t5 is its own folder (city96/ComfyUI_ExtraModels T5/nodes.py:14-20; yolain/ComfyUI-Easy-Use prestartup_script.py:33)", () => {
  it("reads T5v11Loader, HYDiTTextEncoderLoader and easy pixArtLoader into models/t5", async () => {
    expect(both("T5v11Loader", ["t5xxl_fp16.safetensors", "xxl", "file", "cpu", "default"], { t5v11_name: "t5xxl_fp16.safetensors" })).toEqual([
      { folder: "t5", name: "t5xxl_fp16.safetensors" },
    ]);
    expect(
      both("HYDiTTextEncoderLoader", ["clip.safetensors", "mt5.safetensors", "cpu", "default"], { clip_name: "clip.safetensors", mt5_name: "mt5.safetensors" }),
    ).toEqual([
      { folder: "text_encoders", name: "clip.safetensors" },
      { folder: "t5", name: "mt5.safetensors" },
    ]);
    const t = await tree.create();
    await t.file("ComfyUI/models/t5/t5xxl_fp16.safetensors", "t");
    const inventory = await buildInventory({ modelsDir: t.path("ComfyUI", "models") });
    expect(locateModel(inventory, { folder: "t5", name: "t5xxl_fp16.safetensors" }).status).toBe("present");
  });
});

describe("WRONG FOLDER 4: controlnet_aux keeps weights at ckpts/<Hugging Face repo>/<file> (Fannovel16/comfyui_controlnet_aux node_wrappers/dwpose.py:55-73 @ e8b689a5)", () => {
  it("names the repo folder each detector file comes from, inside the pack, and finds it there", async () => {
    const ui = [true, true, true, 512, "yolox_l.onnx", "dw-ll_ucoco_384_bs5.torchscript.pt", false];
    const api = { detect_hand: "enable", bbox_detector: "yolox_l.onnx", pose_estimator: "dw-ll_ucoco_384_bs5.torchscript.pt" };
    const aux = "custom_nodes/comfyui_controlnet_aux/ckpts";
    expect(both("DWPreprocessor", ui, api)).toEqual([
      { folder: `${aux}/yzd-v/DWPose`, name: "yolox_l.onnx" },
      { folder: `${aux}/hr16/DWPose-TorchScript-BatchSize5`, name: "dw-ll_ucoco_384_bs5.torchscript.pt" },
    ]);
    const t = await tree.create();
    await t.file("ComfyUI/custom_nodes/comfyui_controlnet_aux/ckpts/yzd-v/DWPose/yolox_l.onnx", "y");
    await t.dir("ComfyUI/models/checkpoints");
    const inventory = await buildInventory({ modelsDir: t.path("ComfyUI", "models") });
    expect(locateModel(inventory, { folder: `${aux}/yzd-v/DWPose`, name: "yolox_l.onnx" }).status).toBe("present");
    expect(targetFor(inventory, { folder: `${aux}/hr16/DWPose-TorchScript-BatchSize5`, name: "dw-ll_ucoco_384_bs5.torchscript.pt" }).absolutePath).toBe(
      t.path(`ComfyUI/${aux}/hr16/DWPose-TorchScript-BatchSize5/dw-ll_ucoco_384_bs5.torchscript.pt`),
    );
  });
});

describe("WRONG FOLDER 5: Frame-Interpolation weights hang from ComfyUI's root (Fannovel16/ComfyUI-Frame-Interpolation vfi_utils.py:42-46 @ 26545cc)", () => {
  const folder = "custom_nodes/ComfyUI-Frame-Interpolation/ckpts/rife";

  it("finds a present rife checkpoint and puts a missing one beside it, not under models/", async () => {
    expect(both("RIFE VFI", ["rife47.pth", 10, 2, true, true, 1], { ckpt_name: "rife47.pth" })).toEqual([{ folder, name: "rife47.pth" }]);
    const t = await tree.create();
    await t.file("ComfyUI/custom_nodes/ComfyUI-Frame-Interpolation/ckpts/rife/rife47.pth", "r");
    await t.dir("ComfyUI/models/checkpoints");
    const inventory = await buildInventory({ modelsDir: t.path("ComfyUI", "models") });
    expect(locateModel(inventory, { folder, name: "rife47.pth" })).toMatchObject({ status: "present" });
    expect(targetFor(inventory, { folder, name: "rife49.pth" }).absolutePath).toBe(
      t.path("ComfyUI/custom_nodes/ComfyUI-Frame-Interpolation/ckpts/rife/rife49.pth"),
    );
  });

  it("follows the pack where the Comfy registry installed it, under its lower-case id (pyproject.toml:2)", async () => {
    const t = await tree.create();
    await t.dir("ComfyUI/custom_nodes/comfyui-frame-interpolation");
    await t.dir("ComfyUI/models/checkpoints");
    const inventory = await buildInventory({ modelsDir: t.path("ComfyUI", "models") });
    expect(targetFor(inventory, { folder, name: "rife49.pth" }).absolutePath).toBe(
      t.path("ComfyUI/custom_nodes/comfyui-frame-interpolation/ckpts/rife/rife49.pth"),
    );
  });
});

describe("WRONG FOLDER 6: X-Labs keys name models/xlabs/* (XLabs-AI/x-flux-comfyui nodes.py:54-59 @ 0032855)", () => {
  it("reports a LoRA that is where it belongs as present; a path extra_model_paths.yaml gives its key does not count", async () => {
    expect(both("FluxLoraLoader", ["furry_lora.safetensors", 1], { lora_name: "furry_lora.safetensors" })).toEqual([
      { folder: "xlabs/loras", name: "furry_lora.safetensors" },
    ]);
    const t = await tree.create();
    await t.file("ComfyUI/models/xlabs/loras/furry_lora.safetensors", "f");
    await t.file("elsewhere/xlora/shared_lora.safetensors", "s");
    await t.file("ComfyUI/extra_model_paths.yaml", `extra:\n  base_path: ${t.path("elsewhere")}\n  xlabs_loras: xlora\n`);
    const inventory = await buildInventory({ modelsDir: t.path("ComfyUI", "models") });
    expect(locateModel(inventory, { folder: "xlabs/loras", name: "furry_lora.safetensors" })).toMatchObject({ status: "present", message: null });
    // nodes.py:54-59 assign the keys with `=`, and FluxLoraLoader joins the name to models/xlabs/loras (nodes.py:133).
    expect(locateModel(inventory, { folder: "xlabs/loras", name: "shared_lora.safetensors" }).status).toBe("missing");
    expect(inventory.warnings.join("\n")).toMatch(/"xlabs_loras: .*xlora" is ignored: the node pack sets that folder's path itself/);
  });
});

describe("WRONG FOLDER 7: ultralytics_bbox is models/ultralytics/bbox (ltdrdata/ComfyUI-Impact-Subpack modules/subpack_nodes.py:9-11, 31-37 @ 5b4e550)", () => {
  it("keeps bbox/ in the name under ultralytics, and a bare name declared under ultralytics_bbox keeps its sub-folder", async () => {
    expect(both("UltralyticsDetectorProvider", ["bbox/face_yolov8m.pt"], { model_name: "bbox/face_yolov8m.pt" })).toEqual([
      { folder: "ultralytics", name: "bbox/face_yolov8m.pt" },
    ]);
    const declared = analyse("ui", "SomePackDetectorLoader", ["face_yolov8m.pt"], {
      models: [{ name: "face_yolov8m.pt", url: "https://huggingface.co/Bingsu/adetailer/resolve/main/face_yolov8m.pt", directory: "ultralytics_bbox" }],
    });
    expect(found(declared)).toEqual([{ folder: "ultralytics/bbox", name: "face_yolov8m.pt" }]);
    expect(declared[0]!.inferred).toBeUndefined();
    const t = await tree.create();
    await t.file("ComfyUI/models/ultralytics/bbox/face_yolov8m.pt", "y");
    const inventory = await buildInventory({ modelsDir: t.path("ComfyUI", "models") });
    expect(locateModel(inventory, declared[0]!).status).toBe("present");
    expect(locateModel(inventory, { folder: "ultralytics", name: "bbox/face_yolov8m.pt" }).status).toBe("present");
  });
});

describe("WRONG FOLDER 8: GemmaAPITextEncode's checkpoint (Lightricks/ComfyUI-LTXVideo gemma_api_conditioning.py:60-92 @ aceeae9)", () => {
  it("reads it at 3 since enhance_prompt came before it (5c3d208), and at 2 in older workflows", () => {
    expect(both("GemmaAPITextEncode", ["key", "a prompt", true, "ltx-2-19b-dev.safetensors"], { ckpt_name: "ltx-2-19b-dev.safetensors" })).toEqual([
      { folder: "checkpoints", name: "ltx-2-19b-dev.safetensors" },
    ]);
    expect(found(analyse("ui", "GemmaAPITextEncode", ["key", "a prompt", "ltx-2-19b-dev.safetensors"]))).toEqual([
      { folder: "checkpoints", name: "ltx-2-19b-dev.safetensors" },
    ]);
  });
});

describe("WRONG FOLDER 9: inputs that name no file, and the ones a loader also loads", () => {
  it("LoraModelLoader takes a LORA_MODEL socket (comfy_extras/nodes_train.py:1316-1326)", () => {
    expect(both("LoraModelLoader", [1, false], { strength_model: 1, bypass: false })).toEqual([]);
  });

  it("GMFSS Fortuna VFI's ckpt_name is a config key (vfi_models/gmfss_fortuna/__init__.py:11-25)", () => {
    expect(both("GMFSS Fortuna VFI", ["GMFSS_fortuna_union", 10, 2], { ckpt_name: "GMFSS_fortuna_union" })).toEqual([]);
  });

  it("easy svdLoader also loads its VAE and CLIP (yolain/ComfyUI-Easy-Use py/nodes/loaders.py:701)", () => {
    expect(
      both("easy svdLoader", ["svd_xt.safetensors", "svd_vae.safetensors", "clip_g.safetensors"], {
        ckpt_name: "svd_xt.safetensors",
        vae_name: "svd_vae.safetensors",
        clip_name: "clip_g.safetensors",
      }),
    ).toEqual([
      { folder: "checkpoints", name: "svd_xt.safetensors" },
      { folder: "vae", name: "svd_vae.safetensors" },
      { folder: "text_encoders", name: "clip_g.safetensors" },
    ]);
  });
});

describe("MISSING: the audit's loaders (node-registry-audit.md 1, 2 and 3a)", () => {
  // Each is checked in both formats, input by input, by one-node.test.ts against its research table; here: none is left out.
  const MISSING = [
    "FrameInterpolationModelLoader",
    "LoadBackgroundRemovalModel",
    "CreateHookLora",
    "CreateHookLoraModelOnly",
    "CreateHookModelAsLora",
    "CreateHookModelAsLoraModelOnly",
    "LoraLoaderBypass",
    "LoraLoaderBypassModelOnly",
    "TrainLoraNode",
    "LoadDA3Model",
    "LoadMoGeModel",
    "OpticalFlowLoader",
    "LoadMediaPipeFaceLandmarker",
    "ReActorFaceSwap",
    "ReActorFaceSwapOpt",
    "ReActorRestoreFace",
    "ReActorFaceBoost",
    "ReActorLoadFaceModel",
    "CheckpointLoaderSimpleMultiGPU",
    "CLIPLoaderGGUFMultiGPU",
    "CLIPVisionLoaderMultiGPU",
    "WanVideoModelLoaderMultiGPU",
    "CheckpointLoaderAdvancedDisTorch2MultiGPU",
    "CheckpointLoaderSimpleWithNoiseSelect",
    "ACN_ControlNetLoaderAdvanced",
    "ACN_DiffControlNetLoaderAdvanced",
    "DiffControlNetLoaderAdvanced",
    "Lora Loader Stack (rgthree)",
    "Power Prompt (rgthree)",
    "SDXL Power Prompt - Positive (rgthree)",
    "INPAINT_LoadFooocusInpaint",
    "INPAINT_LoadInpaintModel",
    "Checkpoint Loader (LoraManager)",
    "Unet Loader (LoraManager)",
    "WanVideo Lora Select (LoraManager)",
    "Create Hook LoRA (LoraManager)",
    "DownloadAndLoadSAM2Model",
    "DepthAnythingV2Preprocessor",
    "Unimatch_OptFlowPreprocessor",
    "easy fluxLoader",
    "easy hiresFix",
    "HighRes-Fix Script",
    "Tiled Upscaler Script",
    "XY Input: Checkpoint",
    "XY Input: LoRA",
    "XY Input: VAE",
    "AnimateDiff Script",
    "VAELoaderKJ",
    "CheckpointLoaderKJ",
    "GGUFLoaderKJ",
    "DiffusionModelSelector",
    "DiTBlockLoraLoader",
    "LTX2LoraLoaderAdvanced",
    "LoraReduceRankKJ",
    "ModelPreviewOverrideKJ",
    "Wav2VecModelLoader",
    "LowVRAMLatentUpscaleModelLoader",
    "LowVRAMCheckpointLoader",
    "LowVRAMAudioVAELoader",
    "LTXVQ8LoraModelLoader",
    "DownloadAndLoadDepthAnythingV2Model",
    "NunchakuFluxLoraStack",
    "NunchakuPuLIDLoaderV2",
    "CR Multi-ControlNet Stack",
    "CR Upscale Image",
    "CR Multi Upscale Stack",
    "CR Select Model",
    "CR Model Merge Stack",
    "CR Random LoRA Stack",
    "ADE_LoadAnimateDiffModelWithCameraCtrl",
    "ADE_LoadAnimateLCMI2VModel",
    "ADE_InjectI2VIntoAnimateDiffModel",
    "ADE_InjectPIAIntoAnimateDiffModel",
    "ADE_RegisterLoraHook",
    "ADE_RegisterLoraHookModelOnly",
    "ADE_RegisterModelAsLoraHook",
    "ADE_RegisterModelAsLoraHookModelOnly",
    "ACN_AnimaLLLiteLoaderAdvanced",
    "ACN_CtrLoRALoader",
    "ACN_SparseCtrlMergedLoaderAdvanced",
    "T5v11Loader",
    "HYDiTTextEncoderLoader",
    "PixArtCheckpointLoader",
    "DitCheckpointLoader",
    "SanaCheckpointLoader",
    "HYDiTCheckpointLoader",
    "PixArtLoraLoader",
    "ExtraVAELoader",
    "MiaoBiCLIPLoader",
    "easy pixArtLoader",
    "easy kolorsLoader",
    "easy cascadeLoader",
    "easy LLLiteLoader",
    "easy controlnetStack",
    "easy hunyuanDiTLoader",
    "easy mochiLoader",
    "easy zero123Loader",
    "easy sv3dLoader",
    "easy loraSwitcher",
    "easy preSamplingCascade",
    "easy ckptNames",
    "easy loraNames",
    "easy controlnetNames",
    "easy XYInputs: Checkpoint",
    "easy XYInputs: Lora",
    "LoadDiffusionModelShared //Inspire",
    "LoadTextEncoderShared //Inspire",
    "StableCascade_CheckpointLoader //Inspire",
    "MakeBasicPipe //Inspire",
    "LoraBlockInfo //Inspire",
    "LoadLBW //Inspire",
    "UNet loader with Name (Image Saver)",
    "MMAudioVoCoderLoader",
    "CogVideoXModelLoader",
    "CogVideoXVAELoader",
    "CogVideoLoraSelect",
    "CogVideoLoraSelectComfy",
    "SUPIR_model_loader_v2",
    "SUPIR_model_loader_v2_clip",
    "SUPIR_model_loader",
    "SUPIR_Upscale",
    "Checkpoint Loader",
    "Checkpoint Loader (Simple)",
    "unCLIP Checkpoint Loader",
    "Lora Loader",
    "Load Lora",
    "Upscale Model Loader",
    "Diffusers Model Loader",
    "AV_CheckpointModelsToParametersPipe",
    "AV_ControlNetLoader",
    "AV_ControlNetEfficientLoader",
    "AV_IPAdapter",
    "AV_SAMLoader",
    "ISNetLoader",
    "BLIPLoader",
    "LoadLaMaModel",
    "ATM VFI",
    "MOMO VFI",
    "ETN_control_load",
    "LayerMask: LoadBiRefNetModel",
    "LayerMask: TransparentBackgroundUltra",
    "MMDetLoader",
  ];

  it.each(MISSING)("%s is registered", (type) => {
    expect(NODE_REGISTRY.has(type)).toBe(true);
  });

  it("reads pysssss' old object values {content, image} (pythongosssss/ComfyUI-Custom-Scripts web/js/betterCombos.js:472-476)", () => {
    const value = { content: "detail/add_detail.safetensors", image: "loras/detail/add_detail.png" };
    expect(both("LoraLoader|pysssss", [value, 1, 1], { lora_name: value })).toEqual([{ folder: "loras", name: "detail/add_detail.safetensors" }]);
  });

  it("reads the Fooocus patch with its own extension (Acly/comfyui-inpaint-nodes __init__.py:6-21, nodes.py:129)", () => {
    expect(
      both("INPAINT_LoadFooocusInpaint", ["fooocus_inpaint_head.pth", "inpaint_v26.fooocus.patch"], {
        head: "fooocus_inpaint_head.pth",
        patch: "inpaint_v26.fooocus.patch",
      }),
    ).toEqual([
      { folder: "inpaint", name: "fooocus_inpaint_head.pth" },
      { folder: "inpaint", name: "inpaint_v26.fooocus.patch" },
    ]);
  });

  it("reads <lora:…> tags in Power Prompt's prompt (rgthree/rgthree-comfy py/power_prompt_utils.py:11)", () => {
    expect(
      both("Power Prompt (rgthree)", ["a castle <lora:add_detail:0.6>, <lora:style/ink:1>", "CHOOSE", "CHOOSE", "CHOOSE"], {
        prompt: "a castle <lora:add_detail:0.6>, <lora:style/ink:1>",
      }),
    ).toEqual([
      { folder: "loras", name: "add_detail" },
      { folder: "loras", name: "style/ink" },
    ]);
  });
});
