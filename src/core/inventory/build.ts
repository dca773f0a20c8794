// Builds the inventory of a ComfyUI install: which folders it has, where, and every model file in them.
import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, join, posix, resolve } from "node:path";
import type { ComfyUIClient } from "../comfyui";
import { readExtraModelPaths } from "./extra-model-paths";
import { addKnownFolders, defaultFolderMap, FolderMap } from "./folder-map";
import { canonicalFolder, folderSpec, KNOWN_FOLDERS } from "../registry/folders";
import { createScanContext, isSkippedName, scanFolder, type ScanContext } from "./scan";
import type { BuildInventoryOptions, FolderInventory, Inventory, InventoryFile } from "./types";

type Layout = {
  roots: string[];
  folders: Array<[folder: string, paths: string[]]>;
  /** Paths named in extra_model_paths.yaml: a missing one deserves a warning (a missing standard folder does not). */
  namedPaths: Set<string>;
};

type Warn = (message: string) => void;

export async function buildInventory(options: BuildInventoryOptions = {}): Promise<Inventory> {
  const warnings: string[] = [];
  const warn: Warn = (message) => {
    warnings.push(message);
    options.onWarning?.(message);
  };
  // The ComfyUI client (and the HTTP stack under it) loads only when a ComfyUI URL is given: a local scan needs neither.
  const client = options.comfyuiUrl ? (await import("../comfyui")).createComfyUIClient(options.comfyuiUrl) : null;
  try {
    return await build(options, client, warn, warnings);
  } finally {
    await client?.close();
  }
}

async function build(options: BuildInventoryOptions, client: ComfyUIClient | null, warn: Warn, warnings: string[]): Promise<Inventory> {
  const layout = client ? await serverLayout(client, options) : await localLayout(options, warn);
  const context = createScanContext({ signal: options.signal, warn });
  const scans = await scanPaths(layout, context, warn);

  const files: InventoryFile[] = [];
  const folders: FolderInventory[] = [];
  const unseen: string[] = [];
  for (const [folder, paths] of layout.folders) {
    const folderFiles = paths.flatMap((root) => filesFor(folder, scans.get(root)));
    if (client && paths.every((root) => scans.get(root) === null)) {
      const listed = await listFromServer(client, folder, paths, options.signal);
      if (listed.length > 0) unseen.push(folder);
      for (const file of listed) folderFiles.push(file);
    }
    for (const file of folderFiles) files.push(file); // no spread: folders may hold more files than a call takes arguments
    folders.push({ folder, paths, fileCount: folderFiles.length, totalBytes: folderFiles.reduce((sum, file) => sum + file.size, 0) });
  }
  if (unseen.length > 0) {
    warn(
      `ComfyUI's folders for ${unseen.join(", ")} are not visible from this machine; used the server's file lists (no hashing or duplicate checks for them).`,
    );
  }
  const probe = layout.folders.flatMap(([, paths]) => paths).find((path) => scans.get(path));
  return { roots: layout.roots, folders, warnings, files, caseInsensitive: probe ? await isCaseInsensitive(probe) : false };
}

/** A path's files as one folder sees them (a path two folders share was scanned under the first). */
function filesFor(folder: string, scanned: InventoryFile[] | null | undefined): InventoryFile[] {
  if (!scanned || scanned.length === 0) return [];
  return scanned[0]!.folder === folder ? scanned : scanned.map((file) => ({ ...file, folder }));
}

/** Scans each distinct path once, however many folders share it; null = the path does not exist. */
async function scanPaths(layout: Layout, context: ScanContext, warn: Warn): Promise<Map<string, InventoryFile[] | null>> {
  const firstFolder = new Map<string, string>();
  for (const [folder, paths] of layout.folders) for (const path of paths) if (!firstFolder.has(path)) firstFolder.set(path, folder);
  const unique = [...firstFolder.keys()];
  const results = await Promise.all(unique.map((path) => scanFolder(path, firstFolder.get(path)!, context)));
  const scans = new Map<string, InventoryFile[] | null>();
  unique.forEach((path, index) => {
    const files = results[index] ?? null;
    if (files === null && layout.namedPaths.has(path)) warn(`${path} is configured as a models folder but does not exist.`);
    scans.set(path, files);
  });
  return scans;
}

async function localLayout(options: BuildInventoryOptions, warn: Warn): Promise<Layout> {
  const modelsDir = options.modelsDir ? resolve(options.modelsDir) : undefined;
  const extraFiles = (options.extraModelPaths ?? []).map((file) => resolve(file));
  if (!modelsDir && extraFiles.length === 0) {
    throw new Error("No models folder given: pass modelsDir (COMFYUI_MODELS_DIR, --models-dir), an extra_model_paths.yaml, or a ComfyUI URL.");
  }
  const map = modelsDir ? defaultFolderMap(modelsDir) : new FolderMap();
  if (modelsDir) await addUnclaimedSubfolders(map, modelsDir, warn);

  // ComfyUI reads extra_model_paths.yaml from its own folder, the parent of models/.
  const besideComfyUI = modelsDir ? join(dirname(modelsDir), "extra_model_paths.yaml") : null;
  const yamlFiles = [...new Set([...(besideComfyUI && existsSync(besideComfyUI) ? [besideComfyUI] : []), ...extraFiles])];
  const roots = modelsDir ? [modelsDir] : [];
  const namedPaths = new Set<string>();
  for (const file of yamlFiles) {
    const extra = await readExtraModelPaths(file, options.variables ?? {});
    extra.warnings.forEach(warn);
    roots.push(...extra.basePaths);
    for (const entry of extra.entries) {
      const fixed = folderSpec(canonicalFolder(entry.folder));
      if (fixed?.fixedPaths) {
        warn(
          `${file}: "${entry.folder}: ${entry.path}" is ignored: the node pack sets that folder's path itself (${fixed.source}); its models belong in ${fixed.paths[0]}.`,
        );
        continue;
      }
      map.add(entry.folder, entry.path, entry.isDefault);
      namedPaths.add(entry.path);
    }
  }
  return { roots: [...new Set(roots)], folders: map.entries(), namedPaths };
}

/** Folders under models/ that no known key claims are custom-node folders, keyed by their name. */
async function addUnclaimedSubfolders(map: FolderMap, modelsDir: string, warn: Warn): Promise<void> {
  let entries;
  try {
    entries = await readdir(modelsDir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    warn(code === "ENOENT" ? `The models folder ${modelsDir} does not exist.` : `Cannot read the models folder ${modelsDir} (${code}).`);
    return;
  }
  const claimed = map.allPaths();
  for (const entry of entries) {
    const path = join(modelsDir, entry.name);
    if (isSkippedName(entry.name) || claimed.has(path)) continue;
    const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path).catch(() => null))?.isDirectory());
    if (isDirectory && !map.has(entry.name)) map.add(entry.name, path);
  }
}

async function serverLayout(client: ComfyUIClient, options: BuildInventoryOptions): Promise<Layout> {
  const map = new FolderMap();
  const { fetchServerFolders } = await import("../comfyui");
  for (const { folder, paths } of await fetchServerFolders(client, options.signal)) {
    if (folder === "custom_nodes") continue;
    if (paths.length === 0) map.add(folder, "");
    for (const path of paths) map.add(folder, path);
  }
  const checkpoints = map.entries().find(([folder]) => folder === "checkpoints")?.[1][0];
  const roots = options.modelsDir ? [resolve(options.modelsDir)] : checkpoints ? [dirname(checkpoints)] : [];
  // Packs' own folders (frame interpolation, annotators) are no folder keys, so the server does not list them.
  const comfyRoot = roots[0] ? dirname(roots[0]) : null;
  const packFolders = KNOWN_FOLDERS.filter((spec) => spec.base === "comfyui" && comfyRoot && spec.paths.some((path) => existsSync(join(comfyRoot, path))));
  if (roots[0]) addKnownFolders(map, roots[0], packFolders);
  const folders = map.entries().map(([folder, paths]): [string, string[]] => [folder, paths.filter(Boolean)]);
  return { roots, folders, namedPaths: new Set() };
}

async function listFromServer(client: ComfyUIClient, folder: string, paths: string[], signal?: AbortSignal): Promise<InventoryFile[]> {
  const { fetchServerFiles } = await import("../comfyui");
  const listed = await fetchServerFiles(client, folder, signal);
  return (listed ?? [])
    .filter((file) => !file.name.split("/").some(isSkippedName))
    .map((file) => {
      const root = paths[file.pathIndex] ?? "";
      const relativePath = file.name.replace(/\\/g, "/");
      return {
        folder,
        root,
        relativePath,
        absolutePath: root ? posix.join(root.replace(/\\/g, "/"), relativePath) : relativePath,
        size: file.size,
        mtimeMs: file.mtimeMs,
      };
    });
}

/** Whether a folder is also found under its name in another case: the file system ignores case. */
async function isCaseInsensitive(directory: string): Promise<boolean> {
  const name = basename(directory);
  const swapped = [...name].map((char) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase())).join("");
  if (swapped === name) return false;
  const [original, other] = await Promise.all([stat(directory), stat(join(dirname(directory), swapped)).catch(() => null)]);
  return other !== null && other.ino === original.ino && other.dev === original.dev;
}
