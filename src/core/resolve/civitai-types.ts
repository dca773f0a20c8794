// Which Civitai model types may hold a file for each ComfyUI models folder (no entry: search all types). The values are
// Civitai's `ModelType` enum, case-sensitive (civitai/civitai@ebed661630 packages/civitai-db-schema/src/enums.ts:136-160);
// an unknown one makes the search a 400.
export const CIVITAI_TYPES_BY_FOLDER: Record<string, string[]> = {
  // Diffusion-only weights are published as "UNet" since 2026-04 (commit bb7e9c7560), before that as "Checkpoint" or
  // "Other"; workflows load them from either folder.
  checkpoints: ["Checkpoint", "Other"],
  diffusion_models: ["Checkpoint", "UNet", "Other"],
  unet: ["Checkpoint", "UNet", "Other"],
  text_encoders: ["TextEncoder", "CLIP", "Other"],
  clip: ["TextEncoder", "CLIP", "Other"],
  clip_vision: ["CLIPVision", "Other"],
  loras: ["LORA", "LoCon", "DoRA"],
  "xlabs/loras": ["LORA", "LoCon", "DoRA"],
  animatediff_motion_lora: ["LORA", "MotionModule"],
  embeddings: ["TextualInversion"],
  vae: ["VAE"],
  controlnet: ["Controlnet"],
  "xlabs/controlnets": ["Controlnet"],
  t2i_adapter: ["Controlnet"],
  upscale_models: ["Upscaler"],
  hypernetworks: ["Hypernetwork"],
  animatediff_models: ["MotionModule"],
  ultralytics: ["Detection", "Other"],
  poses: ["Poses"],
};

export function civitaiTypesFor(folder: string): string[] {
  return CIVITAI_TYPES_BY_FOLDER[folder] ?? CIVITAI_TYPES_BY_FOLDER[folder.split("/")[0] ?? ""] ?? [];
}
