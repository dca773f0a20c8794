// ComfyUI's models folders as data: the standard ones, the legacy aliases, the folders popular
// custom node packs keep under models/, and the ordered folder → paths map ComfyUI builds.
import { join } from "node:path";

/** Standard folder keys and their paths below the models dir, in ComfyUI's order (folder_paths.py). */
export const STANDARD_FOLDERS: ReadonlyArray<readonly [folder: string, relativePaths: readonly string[]]> = [
  ["checkpoints", ["checkpoints"]],
  ["configs", ["configs"]],
  ["loras", ["loras"]],
  ["vae", ["vae"]],
  ["text_encoders", ["text_encoders", "clip"]],
  ["diffusion_models", ["unet", "diffusion_models"]],
  ["clip_vision", ["clip_vision"]],
  ["style_models", ["style_models"]],
  ["embeddings", ["embeddings"]],
  ["diffusers", ["diffusers"]],
  ["vae_approx", ["vae_approx"]],
  ["controlnet", ["controlnet", "t2i_adapter"]],
  ["gligen", ["gligen"]],
  ["upscale_models", ["upscale_models"]],
  ["latent_upscale_models", ["latent_upscale_models"]],
  ["hypernetworks", ["hypernetworks"]],
  ["photomaker", ["photomaker"]],
  ["classifiers", ["classifiers"]],
  ["model_patches", ["model_patches"]],
  ["audio_encoders", ["audio_encoders"]],
];

/** Folders that custom node packs register below the models dir under their own keys. */
export const CUSTOM_PACK_FOLDERS: ReadonlyArray<readonly [folder: string, relativePath: string]> = [
  ["ipadapter", "ipadapter"],
  ["ultralytics", "ultralytics"],
  ["ultralytics_bbox", "ultralytics/bbox"],
  ["ultralytics_segm", "ultralytics/segm"],
  ["sams", "sams"],
  ["insightface", "insightface"],
  ["animatediff_models", "animatediff_models"],
  ["animatediff_motion_lora", "animatediff_motion_lora"],
  ["facerestore_models", "facerestore_models"],
  ["instantid", "instantid"],
  ["pulid", "pulid"],
  ["reactor", "reactor"],
  ["LLM", "LLM"],
];

/** ComfyUI's map_legacy: old folder keys that now mean another folder. */
export const FOLDER_ALIASES: Readonly<Record<string, string>> = {
  unet: "diffusion_models",
  clip: "text_encoders",
};

/** Keys in extra_model_paths.yaml that are not models folders. */
export const NON_MODEL_KEYS: ReadonlySet<string> = new Set(["custom_nodes"]);

export function canonicalFolder(folder: string): string {
  return FOLDER_ALIASES[folder] ?? folder;
}

/** Ordered folder → paths, with ComfyUI's add_model_folder_path semantics. */
export class FolderMap {
  private readonly paths = new Map<string, string[]>();

  add(folder: string, path: string, isDefault = false): void {
    const key = canonicalFolder(folder);
    const list = this.paths.get(key);
    if (!list) {
      this.paths.set(key, [path]);
      return;
    }
    const existing = list.indexOf(path);
    if (existing >= 0) {
      if (isDefault && existing > 0) {
        list.splice(existing, 1);
        list.unshift(path);
      }
      return;
    }
    if (isDefault) list.unshift(path);
    else list.push(path);
  }

  has(folder: string): boolean {
    return this.paths.has(canonicalFolder(folder));
  }

  entries(): Array<[string, string[]]> {
    return [...this.paths.entries()].map(([folder, list]) => [folder, [...list]]);
  }

  /** Every path any folder claims, to tell claimed directories from unclaimed ones. */
  allPaths(): Set<string> {
    return new Set([...this.paths.values()].flat());
  }
}

/** The folders ComfyUI itself (and common node packs) set up below one models dir. */
export function defaultFolderMap(modelsDir: string): FolderMap {
  const map = new FolderMap();
  for (const [folder, relativePaths] of STANDARD_FOLDERS) {
    for (const relativePath of relativePaths) map.add(folder, join(modelsDir, relativePath));
  }
  for (const [folder, relativePath] of CUSTOM_PACK_FOLDERS) map.add(folder, join(modelsDir, relativePath));
  return map;
}
