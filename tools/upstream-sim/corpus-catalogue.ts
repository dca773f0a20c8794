// Builds a simulator catalogue in which every model a corpus expects exists, named the way the real services name
// things: Civitai models carry their creators' titles (a checkpoint's file is Civitai's `{model}_{version}` download
// name; a LoRA keeps whatever its creator uploaded, under a title that may share no word with it), and Hugging Face
// repos are named after model families or collections, with re-uploads beside the originals. So a resolver that finds
// a file here has to search the way it would on the real sites.
import { createHash } from "node:crypto";
import type { CivitaiModelType, SimCatalogue, SimCivitaiModel, SimHfRepo } from "./catalogue";

/** The file name alone, whichever slash a workflow wrote. */
export const baseName = (name: string) => name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);

export type ExpectedModel = { name: string; folder: string; node_type?: string; url?: string | null };
export type ExpectedModels = Record<string, ExpectedModel[]>;
/** Where a file really lives on the Hub (from an index of known models the caller has), by lower-case file name. */
export type KnownLocations = Record<string, { repoId: string; path: string }>;
export type CorpusCatalogueOptions = {
  seed?: string;
  sizeBytes?: number;
  /** Files placed in their real Hub repos when known. */
  knownLocations?: KnownLocations;
};

/** How a file was placed, for tests and benchmarks that want to know what a resolver could have found. */
export type Placement = {
  fileName: string;
  folder: string;
  host: "civitai" | "huggingface";
  /** Why it is where it is. */
  how:
    | "workflow-link"
    | "known-location"
    | "civitai-title-from-file"
    | "civitai-title-partial"
    | "civitai-title-unrelated"
    | "hf-family-repo"
    | "hf-collection-repo";
};

export type CorpusCatalogue = SimCatalogue & { placements: Placement[] };

type FolderPlacement = { source: "civitai" | "huggingface"; civitaiType: CivitaiModelType };

/** Where each folder's models mostly live, and their Civitai type; a share go to the other host. */
const placementByFolder: Record<string, FolderPlacement> = {
  checkpoints: { source: "civitai", civitaiType: "Checkpoint" },
  loras: { source: "civitai", civitaiType: "LORA" },
  "xlabs/loras": { source: "civitai", civitaiType: "LORA" },
  embeddings: { source: "civitai", civitaiType: "TextualInversion" },
  upscale_models: { source: "huggingface", civitaiType: "Upscaler" },
  vae: { source: "huggingface", civitaiType: "VAE" },
  controlnet: { source: "huggingface", civitaiType: "Controlnet" },
  "xlabs/controlnets": { source: "huggingface", civitaiType: "Controlnet" },
  animatediff_models: { source: "huggingface", civitaiType: "MotionModule" },
  text_encoders: { source: "huggingface", civitaiType: "TextEncoder" },
  diffusion_models: { source: "huggingface", civitaiType: "UNet" },
  clip_vision: { source: "huggingface", civitaiType: "CLIPVision" },
};
const defaultPlacement: FolderPlacement = { source: "huggingface", civitaiType: "Other" };
/** Out of 10, how many models of a folder stay on their usual host. */
const USUAL_HOST_SHARE = 8;
const HF_ORGS = ["open-weights", "model-mirror", "community-uploads"];
const CREATORS = ["pixelsmith", "nightcrawler_ai", "studio_lumen", "kohya_fan", "mergemaster", "artbyrin"];
const UNRELATED_TITLES = ["Pixel Dreams", "Velvet Hour", "Neon Bloom", "Quiet Harbor", "Paper Lanterns", "Iron Orchard"];
const DEFAULT_SIZE = 64 * 1024;

function hashNumber(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32LE(0);
}

function stem(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

function baseModelFor(fileName: string): string {
  const lower = fileName.toLowerCase();
  if (lower.includes("flux")) return "Flux.1 D";
  if (/xl|pony|illustrious/.test(lower)) return "SDXL 1.0";
  return "SD 1.5";
}

/** Words of a stem as a person would read them: camelCase, `_`, `-` and `.` split; version and precision tokens dropped. */
function titleWords(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word && !/^(v?\d+(\.\d+)*|fp\d+|bf16|e4m3fn|e5m2|scaled|pruned|ema|q\d.*|k|m|s|\d+b)$/i.test(word));
}

const capitalise = (word: string) => (word === word.toUpperCase() ? word : word.charAt(0).toUpperCase() + word.slice(1));

/** A Hugging Face link's repo and path, when a workflow gives one. */
function hfLocation(url: string | null | undefined): { repoId: string; path: string } | null {
  const match = url ? /^https?:\/\/huggingface\.co\/([^/]+\/[^/]+)\/(?:resolve|blob)\/[^/]+\/([^?#]+)/.exec(url) : null;
  return match?.[1] && match[2] ? { repoId: match[1], path: decodeURIComponent(match[2]) } : null;
}

/** A Civitai version id named by a workflow link, when it has one. */
function civitaiVersionId(url: string | null | undefined): number | null {
  const match = url ? /civitai\.(?:com|red)\/api\/download\/models\/(\d+)/.exec(url) : null;
  return match?.[1] ? Number(match[1]) : null;
}

type Draft = { fileName: string; folder: string; linkedHf: { repoId: string; path: string } | null; linkedVersion: number | null };

/** One Civitai model for a file, titled the way creators title them. */
function civitaiModel(
  draft: Draft,
  index: number,
  roll: number,
  type: CivitaiModelType,
  size: number,
  seed: string,
): { model: SimCivitaiModel; how: Placement["how"] } {
  const fileStem = stem(draft.fileName);
  const words = titleWords(fileStem);
  const creator = CREATORS[roll % CREATORS.length]!;
  let name: string;
  let how: Placement["how"];
  if (type === "Checkpoint" && fileStem.includes("_")) {
    // Civitai names a checkpoint's file `{filenamize(model)}_{filenamize(version)}`: the model part is its title.
    name =
      titleWords(fileStem.slice(0, fileStem.indexOf("_")))
        .map(capitalise)
        .join(" ") || capitalise(fileStem);
    how = "civitai-title-from-file";
  } else if (roll % 10 < 2) {
    name = `${UNRELATED_TITLES[roll % UNRELATED_TITLES.length]} ${type === "LORA" ? "LoRA" : "Model"}`;
    how = "civitai-title-unrelated";
  } else {
    const picked = words.slice(0, Math.max(1, Math.min(words.length, 1 + (roll % 3))));
    name = `${picked.map(capitalise).join(" ")}${type === "LORA" ? " | Style LoRA" : ""}`;
    how = "civitai-title-partial";
  }
  const versionId = draft.linkedVersion ?? 500_000 + index;
  const bodySeed = `${seed}:${draft.fileName}`;
  const files = [{ id: 900_000 + index * 2, name: draft.fileName, size, seed: bodySeed }];
  // Some checkpoints also publish a full fp32 file under the same download name stem.
  if (type === "Checkpoint" && roll % 4 === 0 && draft.fileName.endsWith(".safetensors")) {
    files.push({ id: 900_000 + index * 2 + 1, name: draft.fileName.replace(/\.safetensors$/, ".ckpt"), size, seed: `${bodySeed}#fp32` });
  }
  return {
    how,
    model: {
      id: 100_000 + index,
      name,
      type,
      creator,
      thumbsUp: roll % 5000,
      modelVersions: [
        {
          id: versionId,
          name: `v${1 + (roll % 4)}.0`,
          baseModel: baseModelFor(draft.fileName),
          // Trigger words are searchable: an unrelated title is still found by the creator's trigger word.
          trainedWords: type === "LORA" || type === "TextualInversion" ? [words[0]?.toLowerCase() ?? fileStem] : [],
          files: files.map((file) => ({ ...file, metadata: file.name.endsWith(".ckpt") ? { fp: "fp32", size: "full" as const } : { fp: "fp16" } })),
        },
      ],
    },
  };
}

/** A more popular derivative sharing the title's first word: real search results put such merges first. */
function decoy(model: SimCivitaiModel, index: number, size: number, seed: string): SimCivitaiModel {
  const first = model.name.split(" ")[0] ?? model.name;
  return {
    id: 200_000 + index,
    name: `${first} Merge Mix`,
    type: model.type,
    creator: "mergemaster",
    thumbsUp: (model.thumbsUp ?? 0) + 1000,
    modelVersions: [
      {
        id: 600_000 + index,
        name: "v1.0",
        baseModel: model.modelVersions[0]?.baseModel ?? "SD 1.5",
        files: [{ id: 950_000 + index, name: `${first.toLowerCase()}MergeMix_v10.safetensors`, size, seed: `${seed}:decoy:${index}` }],
      },
    ],
  };
}

/** A repo named after the file's model family (`open-weights/Wan2.1-I2V`), or a collection that names no model at all. */
function hfRepoFor(draft: Draft, roll: number): { repoId: string; path: string; how: Placement["how"] } {
  const org = HF_ORGS[roll % HF_ORGS.length]!;
  const words = titleWords(stem(draft.fileName));
  if (roll % 3 === 0 || words.length === 0) {
    return { repoId: `${org}/comfyui-${draft.folder.replace(/[^a-z0-9]+/gi, "-")}`, path: `${draft.folder}/${draft.fileName}`, how: "hf-collection-repo" };
  }
  const family = words
    .slice(0, Math.min(2, words.length))
    .map(capitalise)
    .join("-")
    .replace(/[^A-Za-z0-9._-]+/g, "-");
  return { repoId: `${org}/${family}`, path: roll % 2 === 0 ? draft.fileName : `split_files/${draft.folder}/${draft.fileName}`, how: "hf-family-repo" };
}

/**
 * Every distinct base file name becomes one file: on the host its workflow link names, in its real repo when known,
 * else on its folder's usual host (8 in 10) or the other one. Names without an extension (embeddings, inline LoRAs)
 * get ".safetensors". Every third Hub file also has a re-upload of different bytes in a user's repo named after it.
 */
export function catalogueFromExpected(expected: ExpectedModels, options: CorpusCatalogueOptions = {}): CorpusCatalogue {
  const seed = options.seed ?? "corpus";
  const size = options.sizeBytes ?? DEFAULT_SIZE;
  const known = options.knownLocations ?? {};
  const byFileName = new Map<string, Draft>();
  for (const workflow of Object.keys(expected).sort()) {
    for (const model of expected[workflow] ?? []) {
      const base = baseName(model.name);
      const fileName = base.includes(".") ? base : `${base}.safetensors`;
      const existing = byFileName.get(fileName.toLowerCase());
      if (existing && (existing.linkedHf || existing.linkedVersion !== null || !model.url)) continue;
      byFileName.set(fileName.toLowerCase(), { fileName, folder: model.folder, linkedHf: hfLocation(model.url), linkedVersion: civitaiVersionId(model.url) });
    }
  }

  const civitaiModels: SimCivitaiModel[] = [];
  const repos = new Map<string, SimHfRepo>();
  const placements: Placement[] = [];
  const addHfFile = (repoId: string, path: string, bodySeed: string, downloads: number) => {
    const repo = repos.get(repoId) ?? { id: repoId, downloads, files: [] };
    if (!repo.files.some((file) => file.path === path)) repo.files.push({ path, size, seed: bodySeed });
    repos.set(repoId, repo);
  };

  [...byFileName.keys()].sort().forEach((key, index) => {
    const draft = byFileName.get(key)!;
    const folderPlacement = placementByFolder[draft.folder] ?? defaultPlacement;
    const roll = hashNumber(`${seed}:${draft.fileName}`);
    const knownLocation = known[key];
    const usual = roll % 10 < USUAL_HOST_SHARE;
    const onCivitai = draft.linkedVersion !== null || (!draft.linkedHf && !knownLocation && (folderPlacement.source === "civitai") === usual);
    const bodySeed = `${seed}:${draft.fileName}`;

    if (onCivitai) {
      const { model, how } = civitaiModel(draft, index, roll, folderPlacement.civitaiType, size, seed);
      civitaiModels.push(model);
      if (roll % 2 === 0) civitaiModels.push(decoy(model, index, size, seed));
      placements.push({ fileName: draft.fileName, folder: draft.folder, host: "civitai", how: draft.linkedVersion !== null ? "workflow-link" : how });
      return;
    }
    const location = draft.linkedHf ?? knownLocation;
    const placed = location ? { ...location, how: (draft.linkedHf ? "workflow-link" : "known-location") as Placement["how"] } : hfRepoFor(draft, roll);
    addHfFile(placed.repoId, placed.path, bodySeed, 1000 + (roll % 1000));
    placements.push({ fileName: draft.fileName, folder: draft.folder, host: "huggingface", how: placed.how });
    // A user's re-upload, named after the file and downloaded more: same name, other bytes.
    if (roll % 3 === 1)
      addHfFile(`re-uploader/${stem(draft.fileName).replace(/[^A-Za-z0-9._-]+/g, "-")}`, draft.fileName, `${bodySeed}#reupload`, 5000 + (roll % 1000));
  });

  return { civitai: { models: civitaiModels }, huggingface: { repos: [...repos.values()] }, placements };
}
