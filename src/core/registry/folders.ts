// Models-folder vocabulary: aliases ComfyUI treats as one folder, file extensions, placeholder values.

/** Legacy folder keys and the modern key ComfyUI maps them to. */
export const FOLDER_ALIASES: Readonly<Record<string, string>> = {
  unet: "diffusion_models",
  clip: "text_encoders",
  t5: "text_encoders",
  gligen: "gligen",
  ultralytics_bbox: "ultralytics",
  ultralytics_segm: "ultralytics",
};

/** The modern ComfyUI folder key for a folder name written in any of its historical forms. */
export function canonicalFolder(folder: string): string {
  const trimmed = folder.trim().replace(/\\/g, "/").replace(/\/+$/, "");
  return FOLDER_ALIASES[trimmed.toLowerCase()] ?? trimmed;
}

/** Extensions of files that are model weights. */
export const MODEL_EXTENSIONS = [".safetensors", ".sft", ".ckpt", ".pt", ".pt2", ".pth", ".bin", ".pkl", ".gguf", ".onnx"] as const;

/** Matches a model file extension at the end of a name. */
export const MODEL_FILE_PATTERN = new RegExp(`\\.(${MODEL_EXTENSIONS.map((extension) => extension.slice(1)).join("|")})$`, "i");

/** Widget values that stand for "no file" or for a built-in choice, never a file to fetch. */
export const PLACEHOLDER_VALUES: ReadonlySet<string> = new Set(
  ["none", "baked vae", "default", "disabled", "auto", "", "undefined", "null", "select the lora to add to the text"].map((value) => value.toLowerCase()),
);

/** Pseudo-names the VAE loader offers for the built-in tiny autoencoders; they live in vae_approx. */
const TAESD_PATTERN = /^taes(d|dxl|d3|f1)?(_decoder|_encoder)?$|^pixel_space$/i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_VALUES.has(value.trim().toLowerCase());
}

export function isTaesdPseudoName(value: string): boolean {
  return TAESD_PATTERN.test(value.trim());
}

/** A string that names a model file: ends with a model extension, one line, not a URL. */
export function looksLikeModelFile(value: unknown): value is string {
  if (typeof value !== "string") return false;
  if (value.length > 512 || value.includes("\n")) return false;
  if (/^[a-z]+:\/\//i.test(value)) return false;
  return MODEL_FILE_PATTERN.test(value.trim());
}
