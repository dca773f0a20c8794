// The simulator's catalogue: the models Civitai and Hugging Face "host", as plain JSON-able data.

export type CivitaiModelType =
  | "Checkpoint"
  | "LORA"
  | "LoCon"
  | "DoRA"
  | "TextualInversion"
  | "Hypernetwork"
  | "VAE"
  | "Controlnet"
  | "Upscaler"
  | "MotionModule"
  | "Poses"
  | "Wildcards"
  | "Workflows"
  | "Other";

export type CivitaiFileMetadata = {
  fp?: "fp16" | "fp32" | "bf16" | "fp8" | "nf4" | null;
  size?: "full" | "pruned" | null;
  format?: "SafeTensor" | "PickleTensor" | "GGUF" | "Diffusers" | "Other" | null;
};

export type SimCivitaiFile = {
  id: number;
  name: string;
  /** Exact size in bytes (the API publishes only an approximate sizeKB). */
  size: number;
  primary?: boolean;
  /** Civitai file type: "Model", "Pruned Model", "Training Data", "Config", "VAE"… */
  type?: string;
  metadata?: CivitaiFileMetadata;
  /** Seed for the body; defaults to the file name. */
  seed?: string;
  /** The creator requires a logged-in user (an API token) to download. */
  requiresAuth?: boolean;
  /** The creator has disabled downloads. */
  downloadsDisabled?: boolean;
  /** The download endpoint answers 200 with an HTML page instead of the file. */
  htmlInsteadOfFile?: boolean;
};

export type SimCivitaiVersion = {
  id: number;
  name: string;
  baseModel: string;
  earlyAccess?: boolean;
  trainedWords?: string[];
  files: SimCivitaiFile[];
};

export type SimCivitaiModel = {
  id: number;
  name: string;
  type: CivitaiModelType;
  nsfw?: boolean;
  creator?: string;
  modelVersions: SimCivitaiVersion[];
};

export type SimHfFile = {
  /** Path inside the repository, forward slashes. */
  path: string;
  size: number;
  /** Seed for the body; defaults to repo id + path. */
  seed?: string;
};

export type SimHfRepo = {
  /** "org/name". */
  id: string;
  gated?: boolean | "manual" | "auto";
  private?: boolean;
  /** For gated repos: whether the holder of a valid token has accepted the license (default true). */
  licenseAccepted?: boolean;
  files: SimHfFile[];
};

export type SimCatalogue = {
  civitai: { models: SimCivitaiModel[] };
  huggingface: { repos: SimHfRepo[] };
};

/** Default body seed of a Civitai file. */
export function civitaiFileSeed(file: SimCivitaiFile): string {
  return file.seed ?? file.name;
}

/** Default body seed of a Hugging Face file. */
export function hfFileSeed(repo: SimHfRepo, file: SimHfFile): string {
  return file.seed ?? `${repo.id}/${file.path}`;
}
