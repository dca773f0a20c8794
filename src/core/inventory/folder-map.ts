// The ordered folder → paths map ComfyUI builds for one install, with add_model_folder_path's semantics.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { canonicalFolder, KNOWN_FOLDERS, type FolderSpec } from "../registry/folders";

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

/** A pack's folder under the name its directory has in this install first (a git clone and the Comfy registry name it differently). */
function installedFirst(spec: FolderSpec, comfyRoot: string): string[] {
  const paths = spec.paths.map((path) => join(comfyRoot, path));
  if (spec.base !== "comfyui") return paths;
  const packDirectory = (path: string) => join(comfyRoot, path.split("/").slice(0, 2).join("/"));
  const installed = spec.paths.filter((path) => existsSync(packDirectory(path))).map((path) => join(comfyRoot, path));
  return [...new Set([...installed, ...paths])];
}

/** Adds the table's folders: below `modelsDir`, or (packs' own folders) below ComfyUI's root, its parent. */
export function addKnownFolders(map: FolderMap, modelsDir: string, specs: readonly FolderSpec[] = KNOWN_FOLDERS): void {
  const comfyRoot = dirname(modelsDir);
  for (const spec of specs) {
    const paths = spec.base === "comfyui" ? installedFirst(spec, comfyRoot) : spec.paths.map((path) => join(modelsDir, path));
    for (const path of paths) map.add(spec.key, path);
    // Searched before the folder by ComfyUI, but listed after it here: the first path stays the download target.
    for (const path of spec.searchedFirst ?? []) map.add(spec.key, join(comfyRoot, path));
  }
}

/** The folders ComfyUI itself (and common node packs) set up for one models dir (packs' own folders hang from ComfyUI's root). */
export function defaultFolderMap(modelsDir: string): FolderMap {
  const map = new FolderMap();
  addKnownFolders(map, modelsDir);
  return map;
}
