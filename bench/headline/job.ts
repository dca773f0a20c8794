// The headline job: 25 missing models across 5 workflows, 2.14 GB, half on Hugging Face and half on Civitai, named as
// the sites name them (Civitai titles that are not the file names, Hub repos named after families, files only in a
// publisher's repackaged repo). Sizes keep the real files' proportions, scaled to a job this machine finishes in ~35 s.
import type { SimCatalogue, SimCivitaiModel, SimHfRepo } from "../../tools/upstream-sim";
import type { SimCivitaiFile } from "../../tools/upstream-sim/catalogue";
import { uiWorkflow, type FixtureNode } from "../../tools/upstream-sim/sample-workflows";

const MB = 1e6;

type JobModel = {
  /** The node that loads it in the workflow, with its widgets (the file name first unless said otherwise). */
  node: (name: string) => FixtureNode;
  /** The name as the workflow writes it. */
  name: string;
  megabytes: number;
  /**
   * Where it is published: a Hub repo and path, or a Civitai model (title and type) with the file's download name. A
   * file ComfyFixer's known-models index lists sits where the index says (its Civitai version), as on the real sites.
   */
  at:
    | { hub: string; path?: string }
    | { civitai: string; type: SimCivitaiModel["type"]; file?: string; versionId?: number; metadata?: SimCivitaiFile["metadata"] };
};

const loader =
  (type: string, ...after: unknown[]) =>
  (name: string): FixtureNode => ({ type, widgets: [name, ...after] });
const checkpoint = loader("CheckpointLoaderSimple");
const vae = loader("VAELoader");
const lora = loader("LoraLoader", 1, 1);
const loraOnly = loader("LoraLoaderModelOnly", 1);
const upscaler = loader("UpscaleModelLoader");
const controlnet = loader("ControlNetLoader");
const gguf = loader("UnetLoaderGGUF");
const unet = loader("UNETLoader", "default");
const clip = (kind: string) => loader("CLIPLoader", kind);
const clipVision = loader("CLIPVisionLoader");
const ipadapter = loader("IPAdapterModelLoader");
const embedding = (name: string): FixtureNode => ({ type: "CLIPTextEncode", widgets: [`embedding:${name}, lowres, blurry`] });

const WAN = "Comfy-Org/Wan_2.1_ComfyUI_repackaged";

/** Five workflows of five models each; 2,140 MB in all. */
export const JOB: Record<string, JobModel[]> = {
  "sdxl-portrait.json": [
    { node: checkpoint, name: "juggernautXL_v9Rundiffusionphoto2.safetensors", megabytes: 240, at: { civitai: "Juggernaut XL", type: "Checkpoint" } },
    { node: vae, name: "sdxl_vae.safetensors", megabytes: 60, at: { hub: "stabilityai/sdxl-vae" } },
    { node: lora, name: "add-detail-xl.safetensors", megabytes: 40, at: { civitai: "Detail Tweaker XL", type: "LORA" } },
    { node: lora, name: "sdxl_lightning_4step_lora.safetensors", megabytes: 70, at: { hub: "ByteDance/SDXL-Lightning" } },
    { node: upscaler, name: "4x-UltraSharp.pth", megabytes: 30, at: { hub: "Kim2091/UltraSharp" } },
  ],
  "sd15-detail.json": [
    {
      node: checkpoint,
      name: "dreamshaper_8.safetensors",
      megabytes: 150,
      at: { civitai: "DreamShaper", type: "Checkpoint", versionId: 128713, metadata: { format: "SafeTensor", size: "pruned", fp: "fp16" } },
    },
    { node: lora, name: "add_detail.safetensors", megabytes: 20, at: { civitai: "Detail Tweaker LoRA", type: "LORA" } },
    {
      node: embedding,
      name: "easynegative",
      megabytes: 1,
      at: { civitai: "EasyNegative", type: "TextualInversion", file: "easynegative.safetensors", versionId: 9208 },
    },
    { node: controlnet, name: "control_v11p_sd15_canny_fp16.safetensors", megabytes: 90, at: { hub: "comfyanonymous/ControlNet-v1-1_fp16_safetensors" } },
    { node: vae, name: "klF8Anime2VAE_klF8Anime2VAE.safetensors", megabytes: 40, at: { civitai: "kl-f8-anime2 VAE", type: "VAE" } },
  ],
  "flux-schnell.json": [
    { node: gguf, name: "flux1-schnell-Q4_K_S.gguf", megabytes: 230, at: { hub: "city96/FLUX.1-schnell-gguf" } },
    { node: clip("flux"), name: "clip_l.safetensors", megabytes: 25, at: { hub: "comfyanonymous/flux_text_encoders" } },
    { node: clip("flux"), name: "t5xxl_fp8_e4m3fn.safetensors", megabytes: 190, at: { hub: "comfyanonymous/flux_text_encoders" } },
    { node: clip("flux"), name: "t5-v1_1-xxl-encoder-Q8_0.gguf", megabytes: 25, at: { hub: "city96/t5-v1_1-xxl-encoder-gguf" } },
    { node: loraOnly, name: "flux_detailer_v1.safetensors", megabytes: 30, at: { civitai: "Flux Detailer", type: "LORA" } },
  ],
  "sd15-realism.json": [
    { node: checkpoint, name: "realisticVisionV60B1_v51VAE.safetensors", megabytes: 185, at: { civitai: "Realistic Vision V6.0 B1", type: "Checkpoint" } },
    { node: checkpoint, name: "epicrealism_naturalSinRC1VAE.safetensors", megabytes: 185, at: { civitai: "epiCRealism", type: "Checkpoint" } },
    { node: lora, name: "epiNoiseoffset_v2.safetensors", megabytes: 40, at: { civitai: "epi noiseoffset", type: "LORA" } },
    { node: ipadapter, name: "ip-adapter_sd15.safetensors", megabytes: 45, at: { hub: "h94/IP-Adapter", path: "models/ip-adapter_sd15.safetensors" } },
    { node: lora, name: "more_details.safetensors", megabytes: 10, at: { civitai: "More Details", type: "LORA" } },
  ],
  "wan-video.json": [
    {
      node: unet,
      name: "wan2.1_t2v_1.3B_fp16.safetensors",
      megabytes: 200,
      at: { hub: WAN, path: "split_files/diffusion_models/wan2.1_t2v_1.3B_fp16.safetensors" },
    },
    {
      node: clip("wan"),
      name: "umt5_xxl_fp8_e4m3fn_scaled.safetensors",
      megabytes: 150,
      at: { hub: WAN, path: "split_files/text_encoders/umt5_xxl_fp8_e4m3fn_scaled.safetensors" },
    },
    { node: vae, name: "wan_2.1_vae.safetensors", megabytes: 25, at: { hub: WAN, path: "split_files/vae/wan_2.1_vae.safetensors" } },
    { node: clipVision, name: "clip_vision_h.safetensors", megabytes: 25, at: { hub: WAN, path: "split_files/clip_vision/clip_vision_h.safetensors" } },
    { node: loraOnly, name: "studioGhibliStyle_wan21.safetensors", megabytes: 34, at: { civitai: "Studio Ghibli Style", type: "LORA" } },
  ],
};

export type JobFile = {
  name: string;
  bytes: number;
  storage: "huggingface" | "civitai";
  /** The file in the simulator's terms (for `sim.fileInfo`). */
  simFile: { civitaiFileId: number } | { hfRepo: string; path: string };
  /** The source's own download URL, which redirects to storage. */
  apiUrl: (sim: { civitaiUrl: string; hfUrl: string }) => string;
};

/** The catalogue that publishes the job's files, each `scale` × its size, and where each file's own API URL is. */
export function jobCatalogue(scale: number): { catalogue: SimCatalogue; files: JobFile[] } {
  const models: SimCivitaiModel[] = [];
  const repos = new Map<string, SimHfRepo>();
  const files: JobFile[] = [];
  for (const model of Object.values(JOB).flat()) {
    const bytes = Math.round(model.megabytes * MB * scale);
    if ("hub" in model.at) {
      const repo = repos.get(model.at.hub) ?? { id: model.at.hub, downloads: 1000, files: [] };
      repos.set(repo.id, repo);
      const path = model.at.path ?? model.name;
      repo.files.push({ path, size: bytes });
      files.push({
        name: model.name,
        bytes,
        storage: "huggingface",
        simFile: { hfRepo: repo.id, path },
        apiUrl: (sim) => `${sim.hfUrl}/${repo.id}/resolve/main/${path}`,
      });
    } else {
      const id = 7000 + models.length;
      const versionId = model.at.versionId ?? 17000 + models.length;
      const fileId = 27000 + models.length;
      models.push({
        id,
        name: model.at.civitai,
        type: model.at.type,
        thumbsUp: 5000,
        modelVersions: [
          {
            id: versionId,
            name: "v1",
            baseModel: "SDXL 1.0",
            files: [{ id: fileId, name: model.at.file ?? model.name, size: bytes, metadata: model.at.metadata }],
          },
        ],
      });
      files.push({
        name: model.name,
        bytes,
        storage: "civitai",
        simFile: { civitaiFileId: fileId },
        apiUrl: (sim) => `${sim.civitaiUrl}/api/download/models/${versionId}?fileId=${fileId}`,
      });
    }
  }
  return { catalogue: { civitai: { models }, huggingface: { repos: [...repos.values()] } }, files };
}

/** The five workflows as the ComfyUI frontend saves them, with no download links: every model is searched for. */
export function jobWorkflows(): Record<string, string> {
  return Object.fromEntries(Object.entries(JOB).map(([file, models]) => [file, uiWorkflow(models.map((model) => model.node(model.name)))]));
}
