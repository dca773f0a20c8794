// Every loader read at its pack's source, one node per workflow, in UI and API format: the folder and name each
// input yields must be what the source says. The expectations come from the research tables in
// src/test/fixtures/registry (one per repository: commit, file:line, input, UI position, folder, kind), never from
// the registry under test.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseModelName, type ModelRef } from "../model";
import { analyzeWorkflowText, uniqueModels } from "../workflow";
import { NODE_REGISTRY } from "./index";

type ResearchInput = { name: string; uiPosition: number | null; folder: string | null; kind: string; subPath?: string };
type ResearchNode = { nodeType: string; source: string; widgetCount: number | null; inputs: ResearchInput[] };
type Research = { repo: string; commit: string; readFor: string; nodes: ResearchNode[] };

const FIXTURES = join(import.meta.dirname, "../../test/fixtures/registry");
const research: Research[] = readdirSync(FIXTURES)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => JSON.parse(readFileSync(join(FIXTURES, file), "utf8")) as Research);

const AUX = "custom_nodes/comfyui_controlnet_aux/ckpts";
const FRAME_INTERPOLATION = "custom_nodes/ComfyUI-Frame-Interpolation/ckpts";

/**
 * The research names folders by their folder_paths key; references name a key whose path differs from its name by the
 * path (XLabs-AI/x-flux-comfyui nodes.py:54-59, kijai/ComfyUI-CogVideoXWrapper nodes.py:49-50, yolain/ComfyUI-Easy-Use
 * prestartup_script.py:34, PozzettiAndrea/ComfyUI-DepthAnythingV3 nodes/load_model.py:23-25, lldacing/ComfyUI_BiRefNet_ll
 * __init__.py:12-20, numz/ComfyUI-SeedVR2_VideoUpscaler src/utils/constants.py:49, 1038lab/ComfyUI-RMBG py/AILab_RMBG.py:37).
 */
const PATH_OF_KEY: Record<string, string> = {
  xlabs_loras: "xlabs/loras",
  xlabs_controlnets: "xlabs/controlnets",
  xlabs_ipadapters: "xlabs/ipadapters",
  cogvideox_loras: "CogVideo/loras",
  llm: "LLM",
  depth_anything_v3: "depthanything3",
  birefnet: "BiRefNet",
  seedvr2: "SEEDVR2",
  rmbg: "RMBG",
  "ckpts (controlnet_aux)": AUX,
};

function expectedFolder(input: ResearchInput): string {
  const pack = /^ckpts\/(\w+) \(Frame-Interpolation pack\)$/.exec(input.folder ?? "");
  if (pack) return `${FRAME_INTERPOLATION}/${pack[1]}`;
  const folder = PATH_OF_KEY[input.folder ?? ""] ?? input.folder ?? "";
  return input.subPath ? `${folder}/${input.subPath.replace(/\/$/, "")}` : folder;
}

/** What a file of each folder is called, for folders that list only some extensions (their registrations in the research). */
const EXTENSION: Record<string, string> = {
  configs: ".yaml",
  onnx: ".onnx",
  tensorrt: ".engine",
  LLavacheckpoints: ".gguf",
  luts: ".cube",
  lbw_models: ".safetensors",
};

type Expected = { name: string; folder: string; directory?: boolean };

/** Values whose folder the pack picks by the value itself, with what the source says each one loads. */
const VALUE_CASES: Record<string, { value: unknown; expect: Expected[] }> = {
  // Fannovel16/comfyui_controlnet_aux node_wrappers/dwpose.py:55-73, 119-137 (e8b689a5).
  "DWPreprocessor.bbox_detector": { value: "yolox_l.onnx", expect: [{ name: "yolox_l.onnx", folder: `${AUX}/yzd-v/DWPose` }] },
  "DWPreprocessor.pose_estimator": {
    value: "dw-ll_ucoco_384_bs5.torchscript.pt",
    expect: [{ name: "dw-ll_ucoco_384_bs5.torchscript.pt", folder: `${AUX}/hr16/DWPose-TorchScript-BatchSize5` }],
  },
  "AnimalPosePreprocessor.bbox_detector": { value: "yolo_nas_l_fp16.onnx", expect: [{ name: "yolo_nas_l_fp16.onnx", folder: `${AUX}/hr16/yolo-nas-fp16` }] },
  "AnimalPosePreprocessor.pose_estimator": {
    value: "rtmpose-m_ap10k_256.onnx",
    expect: [{ name: "rtmpose-m_ap10k_256.onnx", folder: `${AUX}/hr16/UnJIT-DWPose` }],
  },
  // src/custom_controlnet_aux/util.py:27-34.
  "DepthAnythingV2Preprocessor.ckpt_name": {
    value: "depth_anything_v2_vitl.pth",
    expect: [{ name: "depth_anything_v2_vitl.pth", folder: `${AUX}/depth-anything/Depth-Anything-V2-Large` }],
  },
  // Impact Subpack modules/subpack_nodes.py:22-37: the value keeps its bbox/ or segm/ and resolves in ultralytics.
  "UltralyticsDetectorProvider.model_name": { value: "bbox/face_yolov8m.pt", expect: [{ name: "bbox/face_yolov8m.pt", folder: "ultralytics" }] },
  "easy ultralyticsDetectorPipe.model_name": { value: "segm/person_yolov8m-seg.pt", expect: [{ name: "segm/person_yolov8m-seg.pt", folder: "ultralytics" }] },
  "ReActorMaskHelper.bbox_model_name": { value: "bbox/hand_yolov8s.pt", expect: [{ name: "bbox/hand_yolov8s.pt", folder: "ultralytics" }] },
  // Impact Pack modules/impact/mmdet_nodes.py:213.
  "MMDetDetectorProvider.model_name": { value: "bbox/mmdet_anime-face_yolov3.pth", expect: [{ name: "bbox/mmdet_anime-face_yolov3.pth", folder: "mmdets" }] },
  "MMDetLoader.model_name": { value: "segm/mmdet_x.pth", expect: [{ name: "segm/mmdet_x.pth", folder: "mmdets" }] },
  // Gourieff/ComfyUI-ReActor scripts/reactor_swapper.py:345-352: the folder follows the name.
  "ReActorFaceSwap.swap_model": { value: "reswapper_256.onnx", expect: [{ name: "reswapper_256.onnx", folder: "reswapper" }] },
  "ReActorFaceSwapOpt.swap_model": { value: "hyperswap_1a_256.onnx", expect: [{ name: "hyperswap_1a_256.onnx", folder: "hyperswap" }] },
  // niknah/ComfyUI-F5-TTS F5TTS.py:54-74.
  "F5TTSAudio.model": { value: "model://my_voice.safetensors", expect: [{ name: "my_voice.safetensors", folder: "checkpoints/F5-TTS" }] },
  "F5TTSAudioInputs.model": { value: "model://my_voice.pt", expect: [{ name: "my_voice.pt", folder: "checkpoints/F5-TTS" }] },
  "F5TTSAudioAdvanced.model": { value: "F5v1", expect: [] },
  // diodiogod/TTS-Audio-Suite index_tts_engine_node.py:198-230, load_rvc_model_node.py:322-360.
  "IndexTTSEngineNode.model_path": { value: "local:my-index", expect: [{ name: "my-index", folder: "TTS/IndexTTS", directory: true }] },
  "CosyVoiceEngineNode.model_path": { value: "CosyVoice3", expect: [] },
  "LoadRVCModelNode.model": { value: "local:voice.pth", expect: [{ name: "voice.pth", folder: "TTS/RVC" }] },
  // lldacing/ComfyUI_BiRefNet_ll birefnetNode.py:19-60: a usage label is <label>.safetensors in the birefnet folder.
  "AutoDownloadBiRefNetModel.model_name": { value: "General", expect: [{ name: "General.safetensors", folder: "BiRefNet" }] },
  // HelloVision/ComfyUI_HelloMeme meme.py:36-45.
  "HMImagePipelineLoader.vae": { value: "[vae] sd15_vae.safetensors", expect: [{ name: "sd15_vae.safetensors", folder: "vae" }] },
  "HMVideoPipelineLoader.vae": { value: "[checkpoint] base.safetensors", expect: [{ name: "base.safetensors", folder: "checkpoints" }] },
  "HMImagePipelineLoader.checkpoint": { value: "HelloMeme-v5", expect: [] },
  // CY-CHENYUE/ComfyUI-Janus-Pro nodes/model_loader.py:36-44: the Hugging Face id names models/Janus-Pro/<basename>.
  "JanusModelLoader.model_name": { value: "deepseek-ai/Janus-Pro-7B", expect: [{ name: "Janus-Pro-7B", folder: "Janus-Pro", directory: true }] },
};

/** Node types whose `loras` widget is Lora-Manager's LORAS list of objects (willmiao/ComfyUI-Lora-Manager py/nodes/utils.py:97-109). */
const LORAS_LIST_NODES = new Set([
  "Lora Loader (LoraManager)",
  "Lora Stacker (LoraManager)",
  "Create Hook LoRA (LoraManager)",
  "WanVideo Lora Select (LoraManager)",
  "Lora Randomizer (LoraManager)",
]);

/**
 * Inputs the research lists as files that the registry deliberately does not report, with why. Each holds a name the
 * pack turns into files itself (a catalogue label, a Hugging Face repo, an absolute path on the user's machine).
 */
const NOT_REPORTED: Record<string, string> = {
  "JC.model": "jc_data.json key the pack maps to a Hugging Face repo and snapshot-downloads (JC.py:101-104)",
  "JC_adv.model": "as JC",
  "JC_GGUF.model": "display label the pack maps to a repo file (JC_GGUF.py:88-115)",
  "JC_GGUF_adv.model": "as JC_GGUF",
  "AILab_QwenVL.model_name": "hf_models.json name, snapshot-downloaded",
  "AILab_QwenVL_Advanced.model_name": "as AILab_QwenVL",
  "AILab_QwenVL_PromptEnhancer.model_name": "catalogue name, snapshot-downloaded",
  "AILab_QwenVL_GGUF.model_name": "file below <author>/<repo> sub-folders the value does not carry (AILab_QwenVL_GGUF.py:346-353)",
  "AILab_QwenVL_GGUF_Advanced.model_name": "as AILab_QwenVL_GGUF",
  "AILab_QwenVL_GGUF_PromptEnhancer.model_name": "as AILab_QwenVL_GGUF",
  "VNCCS_RMBG2.model": "preset names mixed with files (vnccs_utils.py:1133)",
  "Joy_caption_two_load.model": "Hugging Face repo id, snapshot-downloaded",
  "Ruyi_LoadModel.model": "preset snapshot-downloaded",
  "Qwen3_VQA.model": "fixed names snapshot-downloaded",
  "LoadCogVideoXFunModel.model": "fixed list of repo names resolved over several folders",
  "LoadWanModel.model": "as LoadCogVideoXFunModel",
  "LoadWanFunModel.model": "as LoadCogVideoXFunModel",
  "LoadWan2_2Model.model": "as LoadCogVideoXFunModel",
  "LoadWan2_2FunModel.model": "as LoadCogVideoXFunModel",
  "LoadWan2_2VaceFunModel.model": "as LoadCogVideoXFunModel",
  "LoadQwenImageModel.model": "as LoadCogVideoXFunModel",
  "LoadFlux2Model.model": "as LoadCogVideoXFunModel",
  "LoadZImageModel.model": "as LoadCogVideoXFunModel",
  "easy_GGUFLoader.model_path": "absolute paths of the user's machine",
  "easy_LLavaLoader.ckpt_path": "absolute paths of the user's machine",
  "easy_LLavaLoader.clip_path": "absolute paths of the user's machine",
  "IF_TrellisCheckpointLoader.model_name": "snapshot-downloaded repo",
  "Trellis2LoadModel.modelname": "snapshot-downloaded repo",
  "DownloadAndLoadKolorsModel.model": "snapshot-downloaded repo",
  "MarigoldModelLoader.model": "Hugging Face repo ids",
  "SAM2ModelLoader (segment anything2).model_name": "keys the pack maps to download URLs",
  "GroundingDinoModelLoader (segment anything2).model_name": "labels the pack maps to files",
  "WD14Tagger|pysssss.model": "a name without extension whose files (.onnx, .csv) live where the user registered wd14_tagger",
  "RembgNode_Mix.model_name": "names without extension",
  "VibeVoiceSingleSpeakerNode.model": "display names the pack derives from folder names (base_vibevoice.py:74-75)",
  "VibeVoiceMultipleSpeakersNode.model": "as VibeVoiceSingleSpeakerNode",
  "VibeVoiceTTS.model_name": "presets snapshot-downloaded",
  "VoxCPM_TTS.model_name": "presets snapshot-downloaded",
  "VoxCPM_LoraTrainer.base_model_name": "presets snapshot-downloaded",
  "StepAudioEditXEngineNode.model_path": "preset / local: folder whose folder the research does not give",
  "RVCEngineNode.hubert_model": "'<key>: <description>' labels from a fixed table",
  "IndexTTSRun.version": "a version label choosing a config",
  "HMImagePipelineLoader.lora": "presets mixed with files; covered by the preset rule",
  "HMVideoPipelineLoader.checkpoint": "as HMImagePipelineLoader.checkpoint",
  "HMVideoPipelineLoader.lora": "as HMImagePipelineLoader.lora",
  "LTXVLoadConditioning.file_name": "a conditioning the user saved (conditioning_loader.py:17), not a model anyone publishes",
  "NunchakuDepthPreprocessor.model_path": "deprecated; folder names mixed with Hugging Face repo ids (nodes/preprocessors/depth.py)",
  "HyVideoTextEmbedsLoad.embeds": "a file under output/hyvid_embeds written by HyVideoTextEmbedsSave (nodes.py:35)",
};

const slug = (text: string) => text.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_|_$/g, "");

type Case = { nodeType: string; repo: string; source: string; ui: unknown[]; api: Record<string, unknown>; expected: Expected[] };

function sampleFor(node: ResearchNode, input: ResearchInput): { value: unknown; expect: Expected[] } | null {
  const key = `${node.nodeType}.${input.name}`;
  if (VALUE_CASES[key]) return VALUE_CASES[key];
  const base = `${slug(node.nodeType)}__${slug(input.name)}`;
  if (input.kind === "lora_text") {
    const lora = `sample_lora_${slug(node.nodeType)}`;
    if (LORAS_LIST_NODES.has(node.nodeType) && input.name === "loras")
      return { value: [{ name: lora, strength: 1, active: true }], expect: [{ name: lora, folder: "loras" }] };
    return { value: `a photo, <lora:${lora}:0.8>`, expect: [{ name: lora, folder: "loras" }] };
  }
  if (input.kind === "hf_repo") return { value: `some-org/${base}`, expect: [] };
  if (input.kind === "not_a_file") return { value: `${base}.safetensors`.replace(/^/, "not_a_model_"), expect: [] };
  if (input.kind === "url") return null;
  // A catalogue label where the pack maps names itself: a registry slot for it would report the label as a file.
  if (key in NOT_REPORTED) return { value: `Catalogue label of ${base}`, expect: [] };
  if (input.folder === null) return null;
  if (input.subPath && input.subPath.includes("<")) return null;
  const folder = expectedFolder(input);
  if (input.kind === "directory") return { value: `dir_${base}`, expect: [{ name: `dir_${base}`, folder, directory: true }] };
  const name = `${base}${EXTENSION[input.folder] ?? ".safetensors"}`;
  return { value: name, expect: [{ name, folder }] };
}

/** The rows a node keeps as objects: rgthree's Power Lora Loader (py/power_lora_loader.py:38-56). */
const ROW_OBJECTS: Record<string, (name: string) => { ui: unknown; api: [string, unknown] }> = {
  "Power Lora Loader (rgthree)": (name) => ({ ui: { on: true, lora: name, strength: 1 }, api: ["lora_1", { on: true, lora: name, strength: 1 }] }),
};

function buildCase(repo: string, node: ResearchNode): Case {
  const length = Math.max(node.widgetCount ?? 0, ...node.inputs.map((input) => (input.uiPosition ?? 0) + 1));
  // Numbers in every widget that names no file: a registry reading the wrong place reads no file name there.
  const ui: unknown[] = Array.from({ length }, () => 1);
  const api: Record<string, unknown> = { model: ["0", 0] };
  const expected: Expected[] = [];
  for (const input of node.inputs) {
    const rows = ROW_OBJECTS[node.nodeType];
    if (rows) {
      const name = `${slug(node.nodeType)}_row.safetensors`;
      const row = rows(name);
      ui[0] = row.ui;
      api[row.api[0]] = row.api[1];
      expected.push({ name, folder: "loras" });
      continue;
    }
    const sample = sampleFor(node, input);
    if (!sample || input.uiPosition === null || input.uiPosition < 0) continue;
    const apiName = input.name.replace("{n}", "1");
    ui[input.uiPosition] = sample.value;
    api[apiName] = sample.value;
    for (const want of sample.expect) if (!expected.some((seen) => keyOf(seen) === keyOf(want))) expected.push(want);
  }
  return { nodeType: node.nodeType, repo, source: node.source, ui, api, expected };
}

const uiWorkflow = (c: Case) => JSON.stringify({ nodes: [{ id: 1, type: c.nodeType, mode: 0, inputs: [], outputs: [], widgets_values: c.ui }], links: [] });
const apiPrompt = (c: Case) => JSON.stringify({ "1": { class_type: c.nodeType, inputs: c.api } });

const keyOf = (model: { folder: string; name: string }) => `${model.folder}|${normaliseModelName(model.name)}`;

function reported(text: string): { keys: string[]; refs: ModelRef[] } {
  const analysis = analyzeWorkflowText(text, "one-node.json");
  expect(analysis.error).toBeNull();
  const refs = uniqueModels(analysis.models).map(({ ref }) => ref);
  return { keys: refs.map(keyOf).sort(), refs };
}

/** A node that lists several folders (research notes: "combo = clip_vision files + text_encoders files") may file the reference under another of them. */
function matches(refs: ModelRef[], want: Expected): boolean {
  return refs.some(
    (ref) =>
      normaliseModelName(ref.name) === normaliseModelName(want.name) &&
      (ref.folder === want.folder || (ref.alsoIn ?? []).includes(want.folder)) &&
      !ref.inferred,
  );
}

const cases = research.flatMap((pack) => pack.nodes.map((node) => buildCase(pack.repo, node)));

describe("one node per loader, as its source declares it", () => {
  it.each(cases.map((c) => [`${c.nodeType} (${c.repo} ${c.source})`, c] as const))("%s", (_, c) => {
    for (const [format, text] of [
      ["UI", uiWorkflow(c)],
      ["API", apiPrompt(c)],
    ] as const) {
      const { refs } = reported(text);
      for (const want of c.expected) expect(matches(refs, want), `${format}: ${want.folder}/${want.name} in ${JSON.stringify(refs.map(keyOf))}`).toBe(true);
      expect(refs.length, `${format}: only the files the source names, got ${JSON.stringify(refs.map(keyOf))}`).toBe(c.expected.length);
      for (const want of c.expected.filter((item) => item.directory)) expect(refs.find((ref) => ref.name === want.name)?.directory).toBe(true);
    }
  });

  it("explains only inputs the research lists", () => {
    const listed = new Set(research.flatMap((pack) => pack.nodes.flatMap((node) => node.inputs.map((input) => `${node.nodeType}.${input.name}`))));
    expect(Object.keys(NOT_REPORTED).filter((key) => !listed.has(key))).toEqual([]);
  });

  it("knows every node type of the research", () => {
    const unknown = cases.filter((c) => !NODE_REGISTRY.has(c.nodeType)).map((c) => `${c.nodeType} (${c.repo})`);
    expect(unknown).toEqual([]);
  });

  it("counts what it covers", () => {
    const inputs = cases.reduce((sum, c) => sum + c.expected.length, 0);
    const packs = new Set(cases.filter((c) => c.expected.length > 0).map((c) => c.repo));
    console.log(`registry: ${NODE_REGISTRY.size} node types; one-node cases: ${cases.length} nodes, ${inputs} files expected, ${packs.size} packs with files`);
    expect(inputs).toBeGreaterThan(800);
  });
});
