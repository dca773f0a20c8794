// The shapes an inventory of a ComfyUI install is made of.

export type InventoryFile = {
  /** ComfyUI models folder key (checkpoints, loras, …). */
  folder: string;
  /** The folder path the file was found under. */
  root: string;
  /** Path below `root`, forward slashes, as ComfyUI lists it. */
  relativePath: string;
  absolutePath: string;
  size: number;
  mtimeMs: number;
  /** "dev:ino" of the file, so a file reached twice (symlink, overlapping folders) is not a duplicate. */
  fileId?: string;
};

export type FolderInventory = {
  folder: string;
  /** Where ComfyUI looks, in its order; the first is the download target (is_default first). */
  paths: string[];
  fileCount: number;
  totalBytes: number;
};

export type Inventory = {
  /** The models roots and base paths the folder paths hang from. */
  roots: string[];
  folders: FolderInventory[];
  warnings: string[];
  files: InventoryFile[];
  /** True when the file system under the first root ignores case (macOS, Windows defaults). */
  caseInsensitive?: boolean;
};

export type Presence = {
  /** unplaced: an unknown node's file whose folder nothing tells (path: a file of that name elsewhere, if any). */
  status: "present" | "missing" | "misplaced" | "unplaced";
  path: string | null;
  expectedPath: string | null;
  message: string | null;
};

export type BuildInventoryOptions = {
  modelsDir?: string;
  extraModelPaths?: string[];
  comfyuiUrl?: string;
  /** Environment variables for `$VAR` in extra_model_paths.yaml (none when not given). */
  variables?: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
  onWarning?: (message: string) => void;
};
