// The shared vocabulary of the engine: a model a workflow needs, and what became of it.

/** One model file a workflow needs, as the workflow names it. */
export type ModelRef = {
  /** Exactly as written in the workflow, subfolder prefix and separator kept. */
  name: string;
  /** Modern ComfyUI models folder key: checkpoints, loras, vae, text_encoders, diffusion_models, … */
  folder: string;
  nodeType: string;
  nodeId: string;
  /** Path of the workflow file the reference came from. */
  workflow: string;
  /** A download URL the workflow itself gives for this file. */
  url: string | null;
  /** A hash the workflow gives (properties.models[].hash). */
  hash: { type: string; value: string } | null;
  /** False for bypassed/muted nodes and switched-off LoRA rows. */
  active: boolean;
  /** True when the folder was guessed by the fallback rather than known from the registry. */
  inferred?: boolean;
};

/** Forward-slash form of a name, for comparing names written on Windows and POSIX. */
export function normaliseModelName(name: string): string {
  return name
    .replace(/\\/g, "/")
    .replace(/\/{2,}/g, "/")
    .replace(/^\.\//, "");
}

/** One key per model file: its folder and its name with either slash, so `SDXL\\a` and `SDXL/a` are one file. */
export function modelKey(ref: Pick<ModelRef, "folder" | "name">): string {
  return `${ref.folder}\u0000${normaliseModelName(ref.name)}`;
}

/** The file name alone (no subfolder), whatever the separator. */
export function modelBaseName(name: string): string {
  const normalised = normaliseModelName(name);
  return normalised.slice(normalised.lastIndexOf("/") + 1);
}

export type PresenceStatus = "present" | "missing" | "misplaced";

/** Where a download URL came from; "manual" is a URL a person picked or pasted. */
export type ResolutionSource = "workflow" | "model_list" | "huggingface" | "civitai" | "manual";
export type ResolutionStatus = "resolved" | "ambiguous" | "not_found" | "needs_auth" | "error";

export type Candidate = {
  source: ResolutionSource;
  url: string;
  fileName: string;
  sha256: string | null;
  size: number | null;
  page: string | null;
  baseModel?: string | null;
};

export type Resolution = {
  status: ResolutionStatus;
  source: ResolutionSource | null;
  url: string | null;
  sha256: string | null;
  size: number | null;
  reason: string;
  candidates: Candidate[];
  /** Every query tried, for not_found. */
  queries?: string[];
  /** The page where a person can see the model or accept its license. */
  page?: string | null;
};

/** Lifecycle of a model within a run (DESIGN.md). */
export const MODEL_STATUSES = [
  "present",
  "missing",
  "resolving",
  "resolved",
  "ambiguous",
  "not_found",
  "needs_auth",
  "downloading",
  "verifying",
  "installed",
  "failed",
  "skipped",
] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];
