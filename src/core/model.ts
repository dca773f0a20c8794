// The shared vocabulary of the engine: a model a workflow needs, where it can be had, and what became of it.
// Each shape is a zod schema with its type inferred, so the server, the CLI and the dashboard read one definition.
import { z } from "zod";

export const ModelHashSchema = z.object({ type: z.string(), value: z.string() });
export type ModelHash = z.infer<typeof ModelHashSchema>;

/** A URL (and maybe a hash) a workflow gives for a file name, from `properties.models[]` or a top-level `models` list. */
export const ModelLinkSchema = z.object({
  name: z.string(),
  url: z.string().nullable(),
  hash: ModelHashSchema.nullable(),
  /** The folder the workflow declares for it (`directory`), as a ComfyUI folder key. */
  folder: z.string().nullable(),
});
export type ModelLink = z.infer<typeof ModelLinkSchema>;

/** One model file a workflow needs, as the workflow names it. */
export const ModelRefSchema = z.object({
  /** Exactly as written in the workflow, subfolder prefix and separator kept. */
  name: z.string(),
  /** Modern ComfyUI models folder key: checkpoints, loras, vae, text_encoders, diffusion_models, … */
  folder: z.string(),
  nodeType: z.string(),
  nodeId: z.string(),
  /** Path of the workflow file the reference came from. */
  workflow: z.string(),
  /** A download URL the workflow itself gives for this file. */
  url: z.string().nullable(),
  /** A hash the workflow gives (properties.models[].hash). */
  hash: ModelHashSchema.nullable(),
  /** False for bypassed/muted nodes and switched-off LoRA rows. */
  active: z.boolean(),
  /** True when the folder was guessed by the fallback rather than known from the registry. */
  inferred: z.boolean().optional(),
  /** The name is a folder of files (a diffusers or Hugging Face model folder), not one file. */
  directory: z.boolean().optional(),
  /** Other folders the node also lists from: the file found in any of them is the one it loads. */
  alsoIn: z.array(z.string()).optional(),
});
export type ModelRef = z.infer<typeof ModelRefSchema>;

/** The folder of a file an unknown node loads when nothing tells where ComfyUI reads it from: reported, never downloaded. */
export const UNPLACED_FOLDER = "";

export function isUnplaced(ref: Pick<ModelRef, "folder">): boolean {
  return ref.folder === UNPLACED_FOLDER;
}

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

export type PresenceStatus = "present" | "missing" | "misplaced" | "unplaced";

/** Where a download URL came from; "manual" is a URL a person picked or pasted. */
export const RESOLUTION_SOURCES = ["workflow", "known_models", "model_list", "huggingface", "civitai", "manual"] as const;
export const ResolutionSourceSchema = z.enum(RESOLUTION_SOURCES);
export type ResolutionSource = z.infer<typeof ResolutionSourceSchema>;

/** Where a candidate sits upstream, so nothing has to parse it back out of its URL. */
export const CandidateOriginSchema = z.union([
  z.object({ kind: z.literal("huggingface"), repo: z.string(), path: z.string(), revision: z.string() }),
  z.object({ kind: z.literal("civitai"), modelId: z.number().nullable(), versionId: z.number(), fileId: z.number().nullable() }),
]);
export type CandidateOrigin = z.infer<typeof CandidateOriginSchema>;

export const CandidateSchema = z.object({
  source: ResolutionSourceSchema,
  url: z.string(),
  fileName: z.string(),
  sha256: z.string().nullable(),
  size: z.number().nullable(),
  page: z.string().nullable(),
  baseModel: z.string().nullable().optional(),
  origin: CandidateOriginSchema.optional(),
});
export type Candidate = z.infer<typeof CandidateSchema>;

export const RESOLUTION_STATUSES = ["resolved", "ambiguous", "not_found", "needs_auth", "error"] as const;
export type ResolutionStatus = (typeof RESOLUTION_STATUSES)[number];

/** One thing the resolver tried for a model: which source, what it asked, what came back. */
export const ResolutionAttemptSchema = z.object({
  source: ResolutionSourceSchema,
  query: z.string(),
  result: z.string(),
});
export type ResolutionAttempt = z.infer<typeof ResolutionAttemptSchema>;

export const ResolutionSchema = z.object({
  status: z.enum(RESOLUTION_STATUSES),
  source: ResolutionSourceSchema.nullable(),
  url: z.string().nullable(),
  sha256: z.string().nullable(),
  size: z.number().nullable(),
  reason: z.string(),
  candidates: z.array(CandidateSchema),
  /** Every query tried, for not_found. */
  queries: z.array(z.string()).optional(),
  /** What each source was asked and answered, in order. */
  attempts: z.array(ResolutionAttemptSchema).optional(),
  /** The page where a person can see the model or accept its license. */
  page: z.string().nullable().optional(),
});
export type Resolution = z.infer<typeof ResolutionSchema>;
