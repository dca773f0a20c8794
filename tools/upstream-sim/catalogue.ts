// The simulator's catalogue: the models Civitai and Hugging Face "host", as plain JSON-able data.
// Enumerations are Civitai's own (civitai/civitai@ebed661630 packages/civitai-db-schema/src/enums.ts:136-160 and
// src/server/common/constants.ts:53-71).

/** Civitai's `ModelType` enum, case-sensitive; `types=` accepts only these. */
export const CIVITAI_MODEL_TYPES = [
  "Checkpoint",
  "TextualInversion",
  "Hypernetwork",
  "AestheticGradient",
  "LORA",
  "LoCon",
  "DoRA",
  "Controlnet",
  "Upscaler",
  "MotionModule",
  "VAE",
  "TextEncoder",
  "UNet",
  "CLIPVision",
  "Poses",
  "Wildcards",
  "Workflows",
  "ComfyWorkflows",
  "Detection",
  "VisionLanguage",
  "CLIP",
  "LLM",
  "Other",
] as const;
export type CivitaiModelType = (typeof CIVITAI_MODEL_TYPES)[number];

/** Civitai's file types (`constants.modelFileTypes`). */
export const CIVITAI_FILE_TYPES = [
  "Model",
  "Text Encoder",
  "Vision Encoder",
  "Pruned Model",
  "Negative",
  "Training Data",
  "VAE",
  "Config",
  "Archive",
  "UNet",
  "Diffusion Model",
  "CLIPVision",
  "ControlNet",
  "Workflow",
  "Upscaler",
  "Enhancement LoRA",
  "Other",
] as const;
export type CivitaiFileType = (typeof CIVITAI_FILE_TYPES)[number];

export const CIVITAI_FILE_FORMATS = ["SafeTensor", "PickleTensor", "GGUF", "Diffusers", "Core ML", "ONNX", "Other"] as const;
export type CivitaiFileFormat = (typeof CIVITAI_FILE_FORMATS)[number];

export type CivitaiFileMetadata = {
  fp?: string | null;
  size?: "full" | "pruned" | null;
  format?: CivitaiFileFormat | null;
  /** GGUF quantisation (Q4_K_M, Q8_0, …). */
  quantType?: string | null;
};

export type SimCivitaiFile = {
  id: number;
  /** The download name Civitai shows (`files[].name`), which is what lands on a user's disk. */
  name: string;
  /** Exact size in bytes (the API publishes only an approximate sizeKB). */
  size: number;
  /** Civitai file type; default "Model". */
  type?: CivitaiFileType;
  /** Default: the format from the extension, the rest absent. */
  metadata?: CivitaiFileMetadata;
  /** Seed for the body; defaults to the file id and name. */
  seed?: string;
  /** Only Public files are listed and downloadable by others (default Public). */
  visibility?: "Public" | "Private";
};

export type SimCivitaiVersion = {
  id: number;
  name: string;
  baseModel: string;
  /** For the by-hash rule "the earliest published version wins" (default 2024-01-01 plus the id in seconds). */
  publishedAt?: string;
  /** The creator requires a logged-in user to download (`version.requireAuth`). */
  requiresAuth?: boolean;
  /** The creator disabled downloads (`usageControl` other than Download). */
  downloadsDisabled?: boolean;
  /** Early (paid) access: until `endsAt`, or permanent when `endsAt` is null. */
  paidAccess?: { endsAt: string | null };
  /** Entity access denied to everyone but the owner (signed-in callers get 403, anonymous ones 401). */
  restricted?: boolean;
  trainedWords?: string[];
  files: SimCivitaiFile[];
};

export type SimCivitaiModel = {
  id: number;
  /** The model's title as its creator wrote it; Civitai search matches it (never the files' names). */
  name: string;
  type: CivitaiModelType;
  nsfw?: boolean;
  /** The creator's user name (searchable). */
  creator?: string;
  /** Thumbs-up count: Civitai's search ranks it before how many query words match. */
  thumbsUp?: number;
  /** Archived: files hidden, downloads answer 410. */
  mode?: "Archived";
  tags?: string[];
  modelVersions: SimCivitaiVersion[];
};

export type SimHfFile = {
  /** Path inside the repository, forward slashes. */
  path: string;
  size: number;
  /** Seed for the body; defaults to repo id + path. */
  seed?: string;
  /** Stored through LFS/Xet (default: yes unless it is a small text file such as .json, .md, .txt, .yaml). */
  lfs?: boolean;
};

export type SimHfRepo = {
  /** "org/name". */
  id: string;
  gated?: boolean | "manual" | "auto";
  private?: boolean;
  /** Disabled by the Hub: 403 "Access to this resource is disabled." on everything. */
  disabled?: boolean;
  /** For gated repos: whether the holder of a valid token has accepted the license (default true). */
  licenseAccepted?: boolean;
  /** Search ranks by downloads (default 0). */
  downloads?: number;
  /** Former ids: the Hub answers them with a relative 307 to this id. */
  renamedFrom?: string[];
  /** Xet-backed storage: /resolve redirects through the Xet bridge (SigV4, refuses HEAD) with Xet headers. */
  xet?: boolean;
  /** Model info's `siblings` as a large repo may give it: cut to this many entries, or "missing" (no key at all). */
  siblings?: number | "missing";
  files: SimHfFile[];
};

export type SimCatalogue = {
  civitai: { models: SimCivitaiModel[] };
  huggingface: { repos: SimHfRepo[] };
};

/** Default body seed of a Civitai file (the id keeps two files of one download name apart). */
export function civitaiFileSeed(file: SimCivitaiFile): string {
  return file.seed ?? `${file.id}:${file.name}`;
}

/** Default body seed of a Hugging Face file. */
export function hfFileSeed(repo: SimHfRepo, file: SimHfFile): string {
  return file.seed ?? `${repo.id}/${file.path}`;
}

const TEXT_FILE = /\.(json|md|txt|ya?ml|py|gitattributes)$/i;

/** Whether a Hub file is stored through LFS/Xet (and so has a SHA-256 in the API). */
export function isLfsFile(file: SimHfFile): boolean {
  return file.lfs ?? !TEXT_FILE.test(file.path);
}
