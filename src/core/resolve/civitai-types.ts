// Which Civitai model types may hold a file for each ComfyUI models folder (no entry: search all types).
export const CIVITAI_TYPES_BY_FOLDER: Record<string, string[]> = {
  // Civitai has no type for diffusion-only weights: they are published as "Checkpoint" or "Other",
  // and workflows load them from either folder.
  checkpoints: ["Checkpoint", "Other"],
  diffusion_models: ["Checkpoint", "Other"],
  unet: ["Checkpoint", "Other"],
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
