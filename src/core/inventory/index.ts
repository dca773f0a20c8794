// The model inventory of a ComfyUI install: folders, files, presence answers, hashes, duplicates.
export { buildInventory } from "./build";
export { downloadFolderOf, locateModel, targetFor, type LocatedRef } from "./locate";
export { findDuplicates, findLikelyDuplicates, type DuplicateGroup } from "./duplicates";
export { hashFiles, type HashCache, type HashCacheEntry, type HashedFile, type HashFilesOptions, type HashProgress, type HashReport } from "./hash-files";
export { createFileHashCache } from "./file-hash-cache";
export { FolderMap, defaultFolderMap } from "./folder-map";
export type { BuildInventoryOptions, FolderInventory, Inventory, InventoryFile, Presence } from "./types";
