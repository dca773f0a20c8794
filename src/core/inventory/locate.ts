// Answers "does this install have the model a workflow names, and where?" the way ComfyUI would.
import { join } from "node:path";
import { installTargetFor, TargetPathError, type InstallTarget } from "../install/target";
import { modelBaseName, normaliseModelName } from "../model";
import { canonicalFolder, EMBEDDING_EXTENSIONS, isSafeFolderKey } from "../registry/folders";
import type { Inventory, InventoryFile, Presence } from "./types";

type Index = {
  byFolder: Map<string, Map<string, InventoryFile>>;
  byBaseName: Map<string, InventoryFile[]>;
};

const indexes = new WeakMap<Inventory, Index>();

function keyOf(inventory: Inventory, name: string): string {
  return inventory.caseInsensitive ? name.toLowerCase() : name;
}

function indexOf(inventory: Inventory): Index {
  const cached = indexes.get(inventory);
  if (cached) return cached;
  const index: Index = { byFolder: new Map(), byBaseName: new Map() };
  for (const file of inventory.files) {
    let folder = index.byFolder.get(file.folder);
    if (!folder) index.byFolder.set(file.folder, (folder = new Map()));
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

function withoutEmbeddingExtension(name: string): string {
  const extension = EMBEDDING_EXTENSIONS.find((ext) => name.toLowerCase().endsWith(ext));
  return extension ? name.slice(0, -extension.length) : name;
}

/** The names ComfyUI would accept for a reference: embeddings also with or without an extension. */
function acceptedNames(folder: string, name: string): string[] {
  if (folder !== "embeddings") return [name];
  const stem = withoutEmbeddingExtension(name);
  return [...new Set([name, stem, ...EMBEDDING_EXTENSIONS.map((ext) => stem + ext)])];
}

function relativeDisplay(file: InventoryFile): string {
  return `${file.folder}/${file.relativePath}`;
}

export function locateModel(inventory: Inventory, ref: { name: string; folder: string }): Presence {
  const folder = canonicalFolder(ref.folder);
  const name = normaliseModelName(ref.name);
  const index = indexOf(inventory);
  const expectedPath = safeTargetPath(inventory, folder, name);
  const names = acceptedNames(folder, name);

  const inFolder = index.byFolder.get(folder);
  for (const candidate of names) {
    const found = inFolder?.get(keyOf(inventory, candidate));
    if (found) return { status: "present", path: found.absolutePath, expectedPath, message: null };
  }

  const baseNames = new Set(names.map((candidate) => keyOf(inventory, modelBaseName(candidate))));
  const elsewhere = [...baseNames].flatMap((baseName) => index.byBaseName.get(baseName) ?? []);
  // Prefer a copy in the right folder but another subfolder, then any other folder.
  const misplaced = elsewhere.find((file) => file.folder === folder) ?? elsewhere[0];
  if (misplaced) {
    const where = expectedPath ?? `${folder}/${name}`;
    return {
      status: "misplaced",
      path: misplaced.absolutePath,
      expectedPath,
      message: `"${ref.name}" is at ${misplaced.absolutePath} (${relativeDisplay(misplaced)}), but ComfyUI looks for ${folder}/${name} at ${where}; move the file there or pick it again in the workflow.`,
    };
  }
  return { status: "missing", path: null, expectedPath, message: `"${ref.name}" is not in ${folder} nor anywhere else in this install.` };
}

function safeTargetPath(inventory: Inventory, folder: string, name: string): string | null {
  try {
    return targetFor(inventory, { folder, name }).absolutePath;
  } catch {
    return null;
  }
}

/** Where downloads into `folder` go: its first path (extra_model_paths.yaml's is_default first), else `<models root>/<folder>`. */
export function downloadFolderOf(inventory: Inventory, folder: string): string {
  const key = canonicalFolder(folder);
  const listed = inventory.folders.find((entry) => entry.folder === key)?.paths[0];
  if (listed) return listed;
  if (!isSafeFolderKey(key)) throw new TargetPathError(`Refusing the folder "${key}": it is not a folder name ComfyUI could have.`);
  if (!inventory.roots[0]) throw new TargetPathError(`No path is known for the models folder "${key}" and no models root is set; set the models folder first.`);
  return join(inventory.roots[0], key);
}

/** Where ComfyUI would look for (and a download should place) `ref`. Throws TargetPathError for names it refuses. */
export function targetFor(inventory: Inventory, ref: { folder: string; name: string }): InstallTarget {
  const folder = canonicalFolder(ref.folder);
  return installTargetFor({ folder, name: ref.name }, downloadFolderOf(inventory, folder));
}
