// Finds model files stored more than once, and the disk space the extra copies take.
import { modelBaseName } from "../model";
import type { InventoryFile } from "./types";

export type DuplicateGroup = {
  sha256: string | null;
  size: number;
  /** One entry per physical copy, the first one being the copy to keep. */
  files: InventoryFile[];
  /** Bytes the copies beyond the first take. */
  wastedBytes: number;
};

/** One entry per physical file: the same file reached through a symlink or overlapping folders counts once. */
function physicalFiles(files: readonly InventoryFile[]): InventoryFile[] {
  const seen = new Map<string, InventoryFile>();
  for (const file of files) {
    const key = file.fileId ?? file.absolutePath;
    if (!seen.has(key)) seen.set(key, file);
  }
  return [...seen.values()];
}

function groupsBy(files: readonly InventoryFile[], keyOf: (file: InventoryFile) => string | null): InventoryFile[][] {
  const groups = new Map<string, InventoryFile[]>();
  for (const file of physicalFiles(files)) {
    const key = keyOf(file);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(file);
    else groups.set(key, [file]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

function toGroups(groups: InventoryFile[][], sha256Of: (file: InventoryFile) => string | null): DuplicateGroup[] {
  return groups
    .map((files) => {
      const size = files[0]!.size;
      return { sha256: sha256Of(files[0]!), size, files, wastedBytes: size * (files.length - 1) };
    })
    .sort((a, b) => b.wastedBytes - a.wastedBytes);
}

/** Files with the same content (by SHA-256); files without a hash are left out. Largest waste first. */
export function findDuplicates(files: readonly InventoryFile[], hashes: ReadonlyMap<string, { sha256: string }>): DuplicateGroup[] {
  const sha256Of = (file: InventoryFile) => hashes.get(file.absolutePath)?.sha256 ?? null;
  return toGroups(
    groupsBy(files, (file) => (file.size > 0 ? sha256Of(file) : null)),
    sha256Of,
  );
}

/** Without hashes: files with the same name and size, very likely the same model. */
export function findLikelyDuplicates(files: readonly InventoryFile[]): DuplicateGroup[] {
  return toGroups(
    groupsBy(files, (file) => (file.size > 0 ? `${file.size}:${modelBaseName(file.relativePath)}` : null)),
    () => null,
  );
}
