// How Civitai describes, names and picks a version's files: metadata, the primary-file score, download URL forms,
// and its download-name rule. Each rule cites civitai/civitai@ebed661630.
import type { CivitaiFileMetadata, CivitaiFileFormat, SimCivitaiFile, SimCivitaiVersion } from "./catalogue";
import { MAIN_WEIGHT_FILE_TYPES } from "./state";

export type FilePreferences = { format?: string | null; size?: string | null; fp?: string | null; quantType?: string | null };

/** Civitai's defaults when nobody says otherwise (src/server/utils/model-helpers.ts:14-16). */
export const DEFAULT_FILE_PREFERENCES: Required<FilePreferences> = { format: "SafeTensor", size: "pruned", fp: "fp16", quantType: "Q4_K_M" };

/** Weights of each metadata key in the score (model-helpers.ts:19-55). */
const SCORE_WEIGHTS: Array<[keyof FilePreferences, number]> = [
  ["format", 100],
  ["size", 10],
  ["fp", 1],
  ["quantType", 0.5],
];

const FORMAT_BY_SUFFIX: Array<[string, CivitaiFileFormat]> = [
  [".safetensors", "SafeTensor"],
  [".sft", "SafeTensor"],
  [".ckpt", "PickleTensor"],
  [".pt", "PickleTensor"],
  [".pth", "PickleTensor"],
  [".bin", "PickleTensor"],
  [".gguf", "GGUF"],
  [".onnx", "ONNX"],
];

export const fileType = (file: SimCivitaiFile) => file.type ?? "Model";
export const isPublic = (file: SimCivitaiFile) => (file.visibility ?? "Public") === "Public";

/** A file's metadata: what the catalogue says, the format from the extension otherwise; absent keys stay absent. */
export function fileMetadata(file: SimCivitaiFile): CivitaiFileMetadata {
  const lower = file.name.toLowerCase();
  const format = file.metadata?.format ?? FORMAT_BY_SUFFIX.find(([suffix]) => lower.endsWith(suffix))?.[1] ?? "Other";
  return { format, size: file.metadata?.size ?? null, fp: file.metadata?.fp ?? null, quantType: file.metadata?.quantType ?? null };
}

/** `getPrimaryFile`'s score: ± each weight for the metadata keys the file has; +1000 for main weights. */
function score(file: SimCivitaiFile, preferences: Required<FilePreferences>): number {
  const metadata = fileMetadata(file);
  let total = MAIN_WEIGHT_FILE_TYPES.has(fileType(file)) ? 1000 : 0;
  for (const [key, weight] of SCORE_WEIGHTS) {
    const value = metadata[key];
    if (value === null || value === undefined) continue;
    total += value === preferences[key] ? weight : -weight;
  }
  return total;
}

export function mergedPreferences(...layers: Array<FilePreferences | undefined>): Required<FilePreferences> {
  const merged = { ...DEFAULT_FILE_PREFERENCES };
  for (const layer of layers) {
    for (const key of Object.keys(merged) as Array<keyof FilePreferences>) {
      const value = layer?.[key];
      if (value !== undefined && value !== null && value !== "") merged[key] = value;
    }
  }
  return merged;
}

/** The highest-scoring file; ties keep storage order (a stable sort). */
export function primaryFile(files: SimCivitaiFile[], preferences: Required<FilePreferences>): SimCivitaiFile | undefined {
  let best: SimCivitaiFile | undefined;
  let bestScore = -Infinity;
  for (const file of files) {
    const value = score(file, preferences);
    if (value > bestScore) [best, bestScore] = [file, value];
  }
  return best;
}

/**
 * `createModelFileDownloadUrl` (src/server/common/model-helpers.ts:8-32): the primary file's URL has no query; any other
 * file's carries `type, format, size, fp, quantType` in that order, empty ones skipped, format omitted for Training Data.
 * No answer ever carries `fileId` (verified at the same commit: only UI components pass it).
 */
export function downloadUrl(origin: string, version: SimCivitaiVersion, file: SimCivitaiFile | undefined, primary: boolean): string {
  const url = new URL(`/api/download/models/${version.id}`, origin);
  if (file && !primary) {
    const metadata = fileMetadata(file);
    const type = fileType(file);
    const parts: Array<[string, string | null | undefined]> = [
      ["type", type],
      ["format", type === "Training Data" ? null : metadata.format],
      ["size", metadata.size],
      ["fp", metadata.fp],
      ["quantType", metadata.quantType],
    ];
    url.search = parts
      .filter((part): part is [string, string] => typeof part[1] === "string" && part[1] !== "")
      .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
      .join("&");
  }
  return url.toString();
}

/**
 * Civitai's `filenamize` (src/utils/string-helpers.ts:157-163): drop `'`, other non-alphanumerics become `_`, cut to
 * 20 + (number of `_`) characters at a `_`, then Civitai's camelCase (first word lower-case, ALL-CAPS words kept, others
 * capitalised).
 */
export function filenamize(text: string): string {
  const underscored = text.replace(/'/g, "").replace(/[^A-Za-z0-9]/g, "_");
  const limit = 20 + (underscored.match(/_/g)?.length ?? 0);
  let cut = underscored;
  if (cut.length > limit) {
    const boundary = cut.lastIndexOf("_", limit);
    cut = boundary > 0 ? cut.slice(0, boundary) : cut.slice(0, limit);
  }
  const words = cut.split(/[\s_-]+/).filter(Boolean);
  return words
    .map((word, index) => {
      if (index === 0) return word.toLowerCase();
      if (word === word.toUpperCase()) return word;
      return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
    })
    .join("");
}

/** The download name of a model-type file (rule 7 of `getDownloadFilename`, src/server/services/file.service.ts:402-448). */
export function civitaiDownloadName(modelName: string, versionName: string, extension: string): string {
  const model = filenamize(modelName);
  const escaped = model.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const version = filenamize(versionName.replace(new RegExp(escaped, "i"), ""));
  return `${model}_${version}${extension.startsWith(".") ? extension : `.${extension}`}`;
}
