// Builds a simulator catalogue in which every model a corpus expects exists, spread over Civitai and Hugging Face.
import { createHash } from "node:crypto";
import type { CivitaiModelType, SimCatalogue, SimCivitaiModel, SimHfRepo } from "./catalogue";

/** The file name alone, whichever slash a workflow wrote. */
export const baseName = (name: string) => name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);

export type ExpectedModel = { name: string; folder: string; node_type?: string; url?: string | null };
export type ExpectedModels = Record<string, ExpectedModel[]>;
export type CorpusCatalogueOptions = { seed?: string; sizeBytes?: number };

type Placement = { source: "civitai" | "huggingface"; civitaiType: CivitaiModelType };

/** Where each folder's models mostly live, and their Civitai type; a share go to the other host. */
const placementByFolder: Record<string, Placement> = {
  checkpoints: { source: "civitai", civitaiType: "Checkpoint" },
  loras: { source: "civitai", civitaiType: "LORA" },
  "xlabs/loras": { source: "civitai", civitaiType: "LORA" },
  embeddings: { source: "civitai", civitaiType: "TextualInversion" },
  upscale_models: { source: "huggingface", civitaiType: "Upscaler" },
  vae: { source: "huggingface", civitaiType: "VAE" },
  controlnet: { source: "huggingface", civitaiType: "Controlnet" },
  "xlabs/controlnets": { source: "huggingface", civitaiType: "Controlnet" },
  animatediff_models: { source: "huggingface", civitaiType: "MotionModule" },
  text_encoders: { source: "huggingface", civitaiType: "Other" },
  diffusion_models: { source: "huggingface", civitaiType: "Other" },
};
const defaultPlacement: Placement = { source: "huggingface", civitaiType: "Other" };
/** Out of 10, how many models of a folder stay on their usual host. */
const USUAL_HOST_SHARE = 8;
const HF_ORGS = ["sim-labs", "comfy-sim", "open-weights"];
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

/** A Hugging Face repo and path named by a workflow link, when it has one. */
function hfLocation(url: string | null | undefined): { repoId: string; path: string } | null {
  const match = url ? /^https?:\/\/huggingface\.co\/([^/]+\/[^/]+)\/(?:resolve|blob)\/[^/]+\/([^?#]+)/.exec(url) : null;
  return match?.[1] && match[2] ? { repoId: match[1], path: decodeURIComponent(match[2]) } : null;
}

/** A Civitai version id named by a workflow link, when it has one. */
function civitaiVersionId(url: string | null | undefined): number | null {
  const match = url ? /civitai\.(?:com|red)\/api\/download\/models\/(\d+)/.exec(url) : null;
  return match?.[1] ? Number(match[1]) : null;
}

/**
 * Every distinct base file name becomes one file: on the host its workflow link names, else on its folder's
 * usual host (8 in 10) or the other one. Names without an extension (embeddings, inline LoRAs) get ".safetensors".
 */
export function catalogueFromExpected(expected: ExpectedModels, options: CorpusCatalogueOptions = {}): SimCatalogue {
  const seed = options.seed ?? "corpus";
  const size = options.sizeBytes ?? DEFAULT_SIZE;
  const byFileName = new Map<string, ExpectedModel>();
  for (const workflow of Object.keys(expected).sort()) {
    for (const model of expected[workflow] ?? []) {
      const base = baseName(model.name);
      const fileName = base.includes(".") ? base : `${base}.safetensors`;
      const existing = byFileName.get(fileName.toLowerCase());
      if (!existing || (!existing.url && model.url)) byFileName.set(fileName.toLowerCase(), { ...model, name: fileName });
    }
  }

  const civitaiModels: SimCivitaiModel[] = [];
  const repos = new Map<string, SimHfRepo>();
  const fileNames = [...byFileName.keys()].sort();
  fileNames.forEach((key, index) => {
    const model = byFileName.get(key);
    if (!model) return;
    const fileName = model.name;
    const placement = placementByFolder[model.folder] ?? defaultPlacement;
    const roll = hashNumber(`${seed}:${fileName}`);
    const linkedHf = hfLocation(model.url);
    const linkedVersion = civitaiVersionId(model.url);
    const usual = roll % 10 < USUAL_HOST_SHARE;
    const onCivitai = linkedVersion !== null || (!linkedHf && (placement.source === "civitai") === usual);
    const bodySeed = `${seed}:${fileName}`;

    if (onCivitai) {
      const id = 100_000 + index;
      civitaiModels.push({
        id,
        name: stem(fileName).replace(/[_-]+/g, " "),
        type: placement.civitaiType,
        modelVersions: [
          {
            id: linkedVersion ?? 500_000 + index,
            name: "v1.0",
            baseModel: baseModelFor(fileName),
            files: [{ id: 900_000 + index, name: fileName, size, primary: true, seed: bodySeed }],
          },
        ],
      });
      return;
    }
    const location = linkedHf ?? {
      repoId: `${HF_ORGS[roll % HF_ORGS.length]}/${stem(fileName).replace(/[^A-Za-z0-9._-]+/g, "-")}`,
      path: roll % 2 === 0 ? fileName : `split_files/${model.folder}/${fileName}`,
    };
    const repo = repos.get(location.repoId) ?? { id: location.repoId, files: [] };
    repo.files.push({ path: location.path, size, seed: bodySeed });
    repos.set(location.repoId, repo);
  });

  return { civitai: { models: civitaiModels }, huggingface: { repos: [...repos.values()] } };
}
