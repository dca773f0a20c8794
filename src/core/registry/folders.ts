// Models-folder vocabulary: aliases ComfyUI treats as one folder, file extensions, placeholder values.

/** Where a folder's paths hang from: ComfyUI's models folder, or (for packs that keep weights in their own folder) ComfyUI's root. */
export type FolderBase = "models" | "comfyui";

export type FolderSpec = {
  key: string;
  /** Paths in ComfyUI's search order, relative to `base`; the first is where downloads go. */
  paths: readonly string[];
  base: FolderBase;
  /** Where the fact comes from, so it can be checked again. */
  source: string;
};

const core = (key: string, paths: readonly string[] = [key]): FolderSpec => ({ key, paths, base: "models", source: "comfyanonymous/ComfyUI folder_paths.py" });
const pack = (key: string, path: string, source: string): FolderSpec => ({ key, paths: [path], base: "models", source });

/** ComfyUI's own folder keys, in folder_paths.py's order, with their default paths below models/. */
export const STANDARD_FOLDERS: readonly FolderSpec[] = [
  core("checkpoints"),
  core("configs"),
  core("loras"),
  core("vae"),
  core("text_encoders", ["text_encoders", "clip"]),
  core("diffusion_models", ["unet", "diffusion_models"]),
  core("clip_vision"),
  core("style_models"),
  core("embeddings"),
  core("diffusers"),
  core("vae_approx"),
  core("controlnet", ["controlnet", "t2i_adapter"]),
  core("gligen"),
  core("upscale_models"),
  core("latent_upscale_models"),
  core("hypernetworks"),
  core("photomaker"),
  core("classifiers"),
  core("model_patches"),
  core("audio_encoders"),
  core("background_removal"),
  core("frame_interpolation"),
  core("geometry_estimation"),
  core("optical_flow"),
  core("detection"),
];

/** Folder keys popular node packs register below models/ (folder_paths.add_model_folder_path / folder_names_and_paths). */
export const CUSTOM_PACK_FOLDERS: readonly FolderSpec[] = [
  pack("ipadapter", "ipadapter", "cubiq/ComfyUI_IPAdapter_plus utils.py"),
  pack("ultralytics", "ultralytics", "ltdrdata/ComfyUI-Impact-Subpack modules/subpack_nodes.py"),
  pack("ultralytics_bbox", "ultralytics/bbox", "ltdrdata/ComfyUI-Impact-Subpack modules/subpack_nodes.py"),
  pack("ultralytics_segm", "ultralytics/segm", "ltdrdata/ComfyUI-Impact-Subpack modules/subpack_nodes.py"),
  pack("sams", "sams", "ltdrdata/ComfyUI-Impact-Pack modules/impact/impact_pack.py"),
  pack("insightface", "insightface", "Gourieff/comfyui-reactor-node scripts/reactor_faceswap.py"),
  pack("animatediff_models", "animatediff_models", "Kosinkadink/ComfyUI-AnimateDiff-Evolved animatediff/utils_model.py"),
  pack("animatediff_motion_lora", "animatediff_motion_lora", "Kosinkadink/ComfyUI-AnimateDiff-Evolved animatediff/utils_model.py"),
  pack("facerestore_models", "facerestore_models", "Gourieff/comfyui-reactor-node nodes.py"),
  pack("instantid", "instantid", "cubiq/ComfyUI_InstantID InstantID.py"),
  pack("pulid", "pulid", "cubiq/PuLID_ComfyUI pulid.py"),
  pack("reactor", "reactor", "Gourieff/comfyui-reactor-node nodes.py"),
  pack("t5", "t5", "city96/ComfyUI_ExtraModels T5/nodes.py"),
  pack("LLM", "LLM", "kijai/ComfyUI-Florence2 nodes.py"),
];

/** Every folder ComfyFixer knows, standard ones first. */
export const KNOWN_FOLDERS: readonly FolderSpec[] = [...STANDARD_FOLDERS, ...CUSTOM_PACK_FOLDERS];

/** ComfyUI's map_legacy: old folder keys that now mean another folder. */
export const FOLDER_ALIASES: Readonly<Record<string, string>> = {
  unet: "diffusion_models",
  clip: "text_encoders",
};

/** Keys in extra_model_paths.yaml that are not models folders. */
export const NON_MODEL_KEYS: ReadonlySet<string> = new Set(["custom_nodes"]);

/** The modern ComfyUI folder key for a folder name written in any of its historical forms (`Unet`, `clip/`, `models\\vae`). */
export function canonicalFolder(folder: string): string {
  const trimmed = folder
    .trim()
    .replace(/\\/g, "/")
    .replace(/\/+$/, "")
    .replace(/^models\//i, "");
  return FOLDER_ALIASES[trimmed.toLowerCase()] ?? trimmed;
}

/** A folder key that can name a directory below its base: no `..`, no absolute path, plain characters. */
export function isSafeFolderKey(folder: string): boolean {
  const parts = folder.split("/");
  return /^[A-Za-z0-9 _.+-]+(\/[A-Za-z0-9 _.+-]+)*$/.test(folder) && !parts.some((part) => part === "." || part === "..");
}

/** Extensions of files that are model weights. */
export const MODEL_EXTENSIONS = [".safetensors", ".sft", ".ckpt", ".pt", ".pt2", ".pth", ".bin", ".pkl", ".gguf", ".onnx"] as const;

const endingWith = (extensions: readonly string[]) => new RegExp(`\\.(${extensions.map((extension) => extension.slice(1)).join("|")})$`, "i");

/** Matches a model file extension at the end of a name. */
export const MODEL_FILE_PATTERN = endingWith(MODEL_EXTENSIONS);

/** Files a model may come with or be published as: the weights, plus configs and other runtimes' formats. */
export const MODEL_RELATED_EXTENSIONS = [...MODEL_EXTENSIONS, ".yaml", ".json", ".engine", ".tflite", ".pb", ".model"] as const;
export const MODEL_RELATED_FILE_PATTERN = endingWith(MODEL_RELATED_EXTENSIONS);

/** ComfyUI's embedding loader tries the name as written, then with these extensions (comfy/sd1_clip.py load_embed). */
export const EMBEDDING_EXTENSIONS = [".safetensors", ".pt", ".bin"] as const;

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
