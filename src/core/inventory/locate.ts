// Answers "does this install have the model a workflow names, and where?" the way ComfyUI would.
import { dirname, join } from "node:path";
import { installTargetFor, TargetPathError, type InstallTarget } from "../install/target";
import { isUnplaced, modelBaseName, normaliseModelName, type ModelRef } from "../model";
import {
  canonicalFolder,
  EMBEDDING_EXTENSIONS,
  folderSpec,
  folderWithin,
  isComfyRootFolder,
  isSafeFolderKey,
  MODEL_EXTENSIONS,
  MODEL_FILE_PATTERN,
} from "../registry/folders";
import type { Inventory, InventoryFile, Presence } from "./types";

/** What locating a model needs to know of it. */
export type LocatedRef = Pick<ModelRef, "name" | "folder"> & Partial<Pick<ModelRef, "alsoIn" | "directory">>;

type Index = {
  byFolder: Map<string, Map<string, InventoryFile>>;
  byBaseName: Map<string, InventoryFile[]>;
  /** Every folder key of the inventory (listed ones too, when empty). */
  keys: Set<string>;
};

const indexes = new WeakMap<Inventory, Index>();

function keyOf(inventory: Inventory, name: string): string {
  return inventory.caseInsensitive ? name.toLowerCase() : name;
}

function indexOf(inventory: Inventory): Index {
  const cached = indexes.get(inventory);
  if (cached) return cached;
  const index: Index = { byFolder: new Map(), byBaseName: new Map(), keys: new Set(inventory.folders.map((entry) => entry.folder)) };
  for (const file of inventory.files) {
    let folder = index.byFolder.get(file.folder);
    if (!folder) index.byFolder.set(file.folder, (folder = new Map()));
    index.keys.add(file.folder);
    const relativeKey = keyOf(inventory, file.relativePath);
    if (!folder.has(relativeKey)) folder.set(relativeKey, file);
    const baseKey = keyOf(inventory, modelBaseName(file.relativePath));
    const sameName = index.byBaseName.get(baseKey);
    if (sameName) sameName.push(file);
    else index.byBaseName.set(baseKey, [file]);
  }
  indexes.set(inventory, index);
  return index;
}

function withoutExtension(name: string, extensions: readonly string[]): string {
  const extension = extensions.find((ext) => name.toLowerCase().endsWith(ext));
  return extension ? name.slice(0, -extension.length) : name;
}

/**
 * The names ComfyUI would accept for a reference: embeddings with or without an extension; a name written without any
 * (an inline `<lora:name>`, a tiny autoencoder's half) as that file with its extension.
 */
function acceptedNames(folder: string, name: string): string[] {
  if (folder === "embeddings") {
    const stem = withoutExtension(name, EMBEDDING_EXTENSIONS);
    return [...new Set([name, stem, ...EMBEDDING_EXTENSIONS.map((ext) => stem + ext)])];
  }
  if (MODEL_FILE_PATTERN.test(name)) return [name];
  return [name, ...MODEL_EXTENSIONS.map((ext) => name + ext)];
}

function relativeDisplay(file: InventoryFile): string {
  return `${file.folder}/${file.relativePath}`;
}

/** Where a reference's folder lies in this inventory: a folder key, and the sub-folder below it the name hangs from. */
function placeIn(index: Index, folder: string): { folder: string; prefix: string } {
  const within = folderWithin(folder, (key) => index.keys.has(key));
  return { folder: within.folder, prefix: within.subPath ? `${within.subPath}/` : "" };
}

function findIn(inventory: Inventory, index: Index, folder: string, names: readonly string[], isDirectory: boolean): InventoryFile | undefined {
  const place = placeIn(index, folder);
  const files = index.byFolder.get(place.folder);
  if (!files) return undefined;
  for (const name of names) {
    const wanted = keyOf(inventory, place.prefix + name);
    const file = files.get(wanted);
    if (file) return file;
    if (isDirectory) {
      for (const [relative, candidate] of files) if (relative.startsWith(`${wanted}/`)) return candidate;
    }
  }
  return undefined;
}

function unplacedPresence(inventory: Inventory, index: Index, ref: LocatedRef): Presence {
  const sameName = index.byBaseName.get(keyOf(inventory, modelBaseName(ref.name)))?.[0];
  const where = sameName ? ` A file of that name is at ${sameName.absolutePath} (${relativeDisplay(sameName)}).` : "";
  return {
    status: "unplaced",
    path: sameName?.absolutePath ?? null,
    expectedPath: null,
    message: `"${ref.name}" is loaded by a node ComfyFixer does not know, and nothing says which folder ComfyUI reads it from.${where} Check the node's documentation, or connect ComfyFixer to your ComfyUI (--comfyui-url) so it can learn the node.`,
  };
}

export function locateModel(inventory: Inventory, ref: LocatedRef): Presence {
  const index = indexOf(inventory);
  if (isUnplaced(ref)) return unplacedPresence(inventory, index, ref);
  const folder = canonicalFolder(ref.folder);
  const name = normaliseModelName(ref.name);
  const expectedPath = safeTargetPath(inventory, folder, name);
  const names = acceptedNames(folder, name);

  for (const candidate of [folder, ...(ref.alsoIn ?? []).map(canonicalFolder)]) {
    const found = findIn(inventory, index, candidate, names, ref.directory === true);
    if (found) {
      const path = ref.directory ? join(found.root, placeIn(index, candidate).prefix + name) : found.absolutePath;
      return { status: "present", path, expectedPath, message: null };
    }
  }

  // Another folder's file counts as this one only under the name written (an embedding's with its extensions).
  const searched = folder === "embeddings" ? names : [name];
  const baseNames = new Set(searched.map((candidate) => keyOf(inventory, modelBaseName(candidate))));
  const elsewhere = ref.directory ? [] : [...baseNames].flatMap((baseName) => index.byBaseName.get(baseName) ?? []);
  // Prefer a copy in the right folder but another subfolder, then any other folder.
  const home = placeIn(index, folder).folder;
  const misplaced = elsewhere.find((file) => file.folder === home) ?? elsewhere[0];
  if (misplaced) {
    const where = expectedPath ?? `${folder}/${name}`;
    return {
      status: "misplaced",
      path: misplaced.absolutePath,
      expectedPath,
      message: `"${ref.name}" is at ${misplaced.absolutePath} (${relativeDisplay(misplaced)}), but ComfyUI looks for ${folder}/${name} at ${where}; move the file there or pick it again in the workflow.`,
    };
  }
  const what = ref.directory ? "the model folder" : "";
  return {
    status: "missing",
    path: null,
    expectedPath,
    message: `${what ? `${what} ` : ""}"${ref.name}" is not in ${folder} nor anywhere else in this install.`,
  };
}

function safeTargetPath(inventory: Inventory, folder: string, name: string): string | null {
  try {
    return targetFor(inventory, { folder, name }).absolutePath;
  } catch {
    return null;
  }
}

/** ComfyUI's root: the parent of the models folder (packs' own folders hang from it). */
function comfyRoot(inventory: Inventory): string {
  if (!inventory.roots[0]) throw new TargetPathError("No models root is set, so ComfyUI's own folder is not known; set the models folder first.");
  return dirname(inventory.roots[0]);
}

/**
 * Where downloads into `folder` go: its first path (extra_model_paths.yaml's is_default first); else the table's first
 * path for a folder the install does not list; else `<models root>/<folder>` (a pack's own folder: `<ComfyUI>/<folder>`).
 */
export function downloadFolderOf(inventory: Inventory, folder: string): string {
  const key = canonicalFolder(folder);
  const listed = inventory.folders.find((entry) => entry.folder === key)?.paths[0];
  if (listed) return listed;
  if (!isSafeFolderKey(key)) throw new TargetPathError(`Refusing the folder "${key}": it is not a folder name ComfyUI could have.`);
  const spec = folderSpec(key);
  if (spec?.base === "comfyui" || (!spec && isComfyRootFolder(key))) return join(comfyRoot(inventory), spec?.paths[0] ?? key);
  if (!inventory.roots[0]) throw new TargetPathError(`No path is known for the models folder "${key}" and no models root is set; set the models folder first.`);
  return join(inventory.roots[0], key);
}

/** Where ComfyUI would look for (and a download should place) `ref`. Throws TargetPathError for names it refuses. */
export function targetFor(inventory: Inventory, ref: { folder: string; name: string }): InstallTarget {
  const folder = canonicalFolder(ref.folder);
  if (!isSafeFolderKey(folder)) throw new TargetPathError(`Refusing the folder "${folder}": it is not a folder name ComfyUI could have.`);
  const index = indexOf(inventory);
  const within = folderWithin(folder, (key) => index.keys.has(key) || folderSpec(key) !== undefined);
  const base = downloadFolderOf(inventory, within.folder);
  return installTargetFor({ folder, name: ref.name }, within.subPath ? join(base, within.subPath) : base);
}
