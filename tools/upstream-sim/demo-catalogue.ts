// A small catalogue of SD1.5/SDXL/Flux-like models for the offline demo, with one ambiguous file name.
import type { SimCatalogue } from "./catalogue";
import { MiB } from "./sizes";

export type DemoCatalogueOptions = {
  /** Multiplies every file size (default 1: files of 2–48 MiB). */
  sizeScale?: number;
};

/** The file name published by two different Civitai models, so a resolver must call it ambiguous. */
export const DEMO_AMBIGUOUS_FILE = "detail_enhancer.safetensors";

export function demoCatalogue(options: DemoCatalogueOptions = {}): SimCatalogue {
  const scale = options.sizeScale ?? 1;
  const size = (mebibytes: number) => Math.max(1024, Math.round(mebibytes * MiB * scale));
  return {
    civitai: {
      models: [
        {
          id: 133005,
          name: "Juggernaut XL",
          type: "Checkpoint",
          creator: "KandooAI",
          thumbsUp: 9000,
          modelVersions: [
            {
              id: 456194,
              name: "v9",
              baseModel: "SDXL 1.0",
              files: [{ id: 9001, name: "juggernautXL_v9.safetensors", size: size(48), metadata: { fp: "fp16", size: "pruned", format: "SafeTensor" } }],
            },
          ],
        },
        {
          id: 4384,
          name: "DreamShaper",
          type: "Checkpoint",
          creator: "Lykon",
          thumbsUp: 12000,
          modelVersions: [
            {
              id: 128713,
              name: "8",
              baseModel: "SD 1.5",
              files: [
                { id: 9002, name: "dreamshaper_8.safetensors", size: size(32), metadata: { fp: "fp16", size: "pruned", format: "SafeTensor" } },
                { id: 9003, name: "dreamshaper_8.ckpt", size: size(32), type: "Model", metadata: { fp: "fp32", size: "full", format: "PickleTensor" } },
              ],
            },
          ],
        },
        {
          id: 7562,
          name: "EasyNegative",
          type: "TextualInversion",
          modelVersions: [
            {
              id: 9208,
              name: "EasyNegative",
              baseModel: "SD 1.5",
              trainedWords: ["easynegative"],
              files: [{ id: 9004, name: "easynegative.safetensors", size: size(2) }],
            },
          ],
        },
        {
          id: 58390,
          name: "Detail Tweaker LoRA",
          type: "LORA",
          modelVersions: [{ id: 62833, name: "v1.0", baseModel: "SD 1.5", files: [{ id: 9005, name: "add_detail.safetensors", size: size(4) }] }],
        },
        {
          id: 60001,
          name: "Detail Enhancer SD1.5",
          type: "LORA",
          modelVersions: [
            { id: 60101, name: "v1", baseModel: "SD 1.5", files: [{ id: 9006, name: DEMO_AMBIGUOUS_FILE, size: size(4), seed: "detail-enhancer-sd15" }] },
          ],
        },
        {
          id: 60002,
          name: "Detail Enhancer XL",
          type: "LORA",
          modelVersions: [
            { id: 60102, name: "v2", baseModel: "SDXL 1.0", files: [{ id: 9007, name: DEMO_AMBIGUOUS_FILE, size: size(8), seed: "detail-enhancer-xl" }] },
          ],
        },
        {
          id: 60003,
          name: "Members Only Style",
          type: "LORA",
          modelVersions: [
            { id: 60103, name: "v1", baseModel: "SDXL 1.0", requiresAuth: true, files: [{ id: 9008, name: "members_only_style.safetensors", size: size(4) }] },
          ],
        },
      ],
    },
    huggingface: {
      repos: [
        { id: "stabilityai/sdxl-vae", files: [{ path: "sdxl_vae.safetensors", size: size(8) }] },
        {
          id: "comfyanonymous/flux_text_encoders",
          files: [
            { path: "clip_l.safetensors", size: size(6) },
            { path: "t5xxl_fp8_e4m3fn.safetensors", size: size(24) },
          ],
        },
        {
          id: "black-forest-labs/FLUX.1-dev",
          gated: "manual",
          files: [
            { path: "flux1-dev.safetensors", size: size(48) },
            { path: "ae.safetensors", size: size(4) },
          ],
        },
        { id: "city96/FLUX.1-schnell-gguf", files: [{ path: "flux1-schnell-Q4_K_S.gguf", size: size(16) }] },
        { id: "lllyasviel/ControlNet-v1-1", files: [{ path: "control_v11p_sd15_canny.pth", size: size(12) }] },
      ],
    },
  };
}
