// For nodes the registry does not know: the folder a file most likely belongs in, from the evidence around it, or
// none when nothing says it with confidence (the file is then reported for a person instead of downloaded).

/** What is known about a file in an unknown node: its name, the widget (API format only), the node and its sockets (UI only). */
export type FolderEvidence = {
  fileName: string;
  widgetName?: string;
  nodeType: string;
  /** Socket types of the node's inputs and outputs, when the workflow carries them (UI format). */
  sockets?: { inputs: readonly string[]; outputs: readonly string[] };
};

type Rule = readonly [pattern: RegExp, folder: string];

/**
 * File-name families whose folder is known from the projects that publish them (the name is the strongest evidence:
 * a `clip_vision_h` file is a CLIP vision model whatever the widget calls it). Tried on the file's base name.
 */
const FILE_FAMILIES: readonly Rule[] = [
  [/clip[_ -]?vision|^clip-vit-(h|l|g|bigg)-14|^image_encoder|^siglip/i, "clip_vision"],
  [/^sam_vit_[bhl]|^sam_hq_vit|^mobile_sam/i, "sams"],
  [/^sam2(\.1)?_hiera/i, "sam2"],
  [/^(face|hand|person|foot|eyes?)_yolo.*-seg\.pt$|^yolo.*-seg\.pt$/i, "ultralytics/segm"],
  [/^(face|hand|person|foot|eyes?)_yolo|^yolov?\d+[nslmx]?\.pt$|^yolo11/i, "ultralytics/bbox"],
  [/^(gfpgan|codeformer|gpen-bfr|restoreformer)/i, "facerestore_models"],
  [/^inswapper/i, "insightface"],
  [/^reswapper/i, "reswapper"],
  [/^hyperswap/i, "hyperswap"],
  [/^(realesrgan|real-esrgan|\d+x[-_]|\d+x(?=[A-Z])|esrgan|swinir|4x|2x|8x|1x[-_])/i, "upscale_models"],
  [/^ip-?adapter/i, "ipadapter"],
  [/^(mm_sd|mm-|v3_sd15_mm|mm_sdxl|hsxl_temporal|animatediff)/i, "animatediff_models"],
  [/^(control_|controlnet|t2i-adapter|t2iadapter_|diffusers_xl_(canny|depth))/i, "controlnet"],
  [/^(t5xxl|umt5|clip_[lg]\b|clip_[lg][._-]|llava_|qwen_?\d[._-]?\d?_?vl|gemma[_-]?\d)/i, "text_encoders"],
  [/(^|[-_.])vae([-_.]|$)|^ae\.(safetensors|sft)$/i, "vae"],
  [/^(easynegative|badhandv4|ng_deepnegative|bad-hands|negative_hand)/i, "embeddings"],
  [/\.patch$/i, "inpaint"],
  [/\.engine$/i, "tensorrt"],
];

/** Socket types that tell what a loader loads (Impact's BASIC_PIPE carries a checkpoint's model, clip and vae). */
function folderFromSockets(sockets: NonNullable<FolderEvidence["sockets"]>): string | null {
  const out = new Set(sockets.outputs);
  const inputs = new Set(sockets.inputs);
  if (out.has("MODEL") && out.has("CLIP") && inputs.has("MODEL") && inputs.has("CLIP")) return "loras";
  if (inputs.has("MODEL")) return null;
  if ((out.has("MODEL") && out.has("CLIP") && out.has("VAE")) || out.has("BASIC_PIPE")) return "checkpoints";
  const single: Record<string, string> = {
    UPSCALE_MODEL: "upscale_models",
    CONTROL_NET: "controlnet",
    CLIP_VISION: "clip_vision",
    STYLE_MODEL: "style_models",
    IPADAPTER: "ipadapter",
    SAM_MODEL: "sams",
    GLIGEN: "gligen",
    LATENT_UPSCALE_MODEL: "latent_upscale_models",
    AUDIO_ENCODER: "audio_encoders",
  };
  for (const type of out) if (single[type]) return single[type];
  if (out.has("MODEL")) return "diffusion_models";
  if (out.has("VAE") && out.size === 1) return "vae";
  if (out.has("CLIP") && out.size === 1) return "text_encoders";
  return null;
}

/** Keywords tried on the widget name (API format) and on the node type once its pack's name is taken off. */
const KIND_WORDS: readonly Rule[] = [
  [/clip[_ -]?vision|image[_ -]?encoder/i, "clip_vision"],
  [/lora|lycoris|locon/i, "loras"],
  [/controlnet|control[_ -]net|\bcnet|control[_-]?lora/i, "controlnet"],
  [/ip[_ -]?adapter/i, "ipadapter"],
  [/upscale|esrgan|swinir/i, "upscale_models"],
  [/vae/i, "vae"],
  [/unet|diffusion[_ -]?model|\bdit\b/i, "diffusion_models"],
  [/text[_ -]?encoder|clip|\bt5|umt5/i, "text_encoders"],
  [/ultralytics|yolo|bbox|segm/i, "ultralytics"],
  [/\bsams?\b|sam[_-]vit/i, "sams"],
  [/embedding|textual[_ -]?inversion/i, "embeddings"],
  [/style[_ -]?model/i, "style_models"],
  [/ckpt|checkpoint/i, "checkpoints"],
];

/** Pack names written into node types: `Checkpoint Loader (LoraManager)`, `LoraLoader|pysssss`, `… //Inspire`, `[Comfy3D] …`. */
function withoutPackName(nodeType: string): string {
  return nodeType
    .replace(/\s*\([^()]*\)\s*$/, "")
    .replace(/\s*\|[^|]*$/, "")
    .replace(/\s*\/\/.*$/, "")
    .replace(/^\[[^\]]*\]\s*/, "");
}

const firstMatch = (rules: readonly Rule[], text: string | undefined): string | null =>
  text ? (rules.find(([pattern]) => pattern.test(text))?.[1] ?? null) : null;

/**
 * The folder a file of an unknown node most likely belongs in, or null when nothing says it with confidence: its
 * file-name family, then the node's sockets, then the words of its widget and its node type (pack name taken off).
 */
export function inferFolder(evidence: FolderEvidence): string | null {
  const baseName = evidence.fileName.replace(/\\/g, "/").split("/").pop() ?? evidence.fileName;
  return (
    firstMatch(FILE_FAMILIES, baseName) ??
    (evidence.sockets ? folderFromSockets(evidence.sockets) : null) ??
    firstMatch(KIND_WORDS, evidence.widgetName) ??
    firstMatch(KIND_WORDS, withoutPackName(evidence.nodeType)) ??
    firstMatch(KIND_WORDS.slice(0, 2), baseName)
  );
}
