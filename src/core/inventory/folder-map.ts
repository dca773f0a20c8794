// The ordered folder → paths map ComfyUI builds for one install, with add_model_folder_path's semantics.
import { dirname, join } from "node:path";
import { canonicalFolder, KNOWN_FOLDERS } from "../registry/folders";

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

/** The folders ComfyUI itself (and common node packs) set up for one models dir (packs' own folders hang from ComfyUI's root). */
export function defaultFolderMap(modelsDir: string): FolderMap {
  const map = new FolderMap();
  const bases = { models: modelsDir, comfyui: dirname(modelsDir) };
  for (const spec of KNOWN_FOLDERS) {
    for (const relativePath of spec.paths) map.add(spec.key, join(bases[spec.base], relativePath));
  }
  return map;
}
