// The model inventory of a ComfyUI install: folders, files, presence answers, hashes, duplicates.
export { buildInventory } from "./build";
export { locateModel, targetPathFor } from "./locate";
export { findDuplicates, findLikelyDuplicates, type DuplicateGroup } from "./duplicates";
export { hashFiles, type HashCache, type HashCacheEntry, type HashedFile, type HashFilesOptions, type HashProgress, type HashReport } from "./hash-files";
export { createFileHashCache } from "./file-hash-cache";
export { canonicalFolder, FOLDER_ALIASES, STANDARD_FOLDERS, CUSTOM_PACK_FOLDERS } from "./folders";
export type { BuildInventoryOptions, FolderInventory, Inventory, InventoryFile, Presence } from "./types";
