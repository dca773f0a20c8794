// Models-folder vocabulary: the one table of folders (ComfyUI's and the packs'), their aliases and file extensions.
import { withoutTrailing } from "../text";

/** Where a folder's paths hang from: ComfyUI's models folder, or (for packs that keep weights in their own folder) ComfyUI's root. */
export type FolderBase = "models" | "comfyui";

export type FolderSpec = {
  /** The folder as model references name it: a ComfyUI folder key, or a path below `base` where a pack's key differs from its path. */
  key: string;
  /** Paths in ComfyUI's search order, relative to `base`; the first is where downloads go. */
  paths: readonly string[];
  base: FolderBase;
  /** The folder_paths keys packs register for it when they differ from `key` (what extra_model_paths.yaml and a server call it). */
  aliases?: readonly string[];
  /** Folders inside a pack (relative to ComfyUI's root) that ComfyUI searches before `paths`; downloads never go there. */
  searchedFirst?: readonly string[];
  /** What ComfyUI lists from it when not the usual weights (supported_pt_extensions); "any" when its key has no extension filter. */
  extensions?: readonly string[] | "any";
  /** The pack assigns the key's paths itself (`folder_names_and_paths[key] = …`), dropping those extra_model_paths.yaml gives. */
  fixedPaths?: true;
  /** Where the fact comes from, so it can be checked again. */
  source: string;
};

const CORE = "comfyanonymous/ComfyUI folder_paths.py (77917ed3)";
const core = (key: string, paths: readonly string[] = [key], extensions?: FolderSpec["extensions"]): FolderSpec => ({
  key,
  paths,
  base: "models",
  source: CORE,
  ...(extensions ? { extensions } : {}),
});
type PackOptions = Partial<Pick<FolderSpec, "aliases" | "searchedFirst" | "extensions" | "base" | "fixedPaths">> & { paths?: readonly string[] };
const pack = (key: string, source: string, options: PackOptions = {}): FolderSpec => ({
  key,
  paths: options.paths ?? [key],
  base: options.base ?? "models",
  source,
  ...(options.aliases ? { aliases: options.aliases } : {}),
  ...(options.searchedFirst ? { searchedFirst: options.searchedFirst } : {}),
  ...(options.extensions ? { extensions: options.extensions } : {}),
  ...(options.fixedPaths ? { fixedPaths: options.fixedPaths } : {}),
});

/** ComfyUI's own folder keys, in folder_paths.py's order, with their default paths below models/. */
export const STANDARD_FOLDERS: readonly FolderSpec[] = [
  core("checkpoints"),
  core("configs", ["configs"], [".yaml"]),
  core("loras"),
  core("vae"),
  core("text_encoders", ["text_encoders", "clip"]),
  core("diffusion_models", ["unet", "diffusion_models"]),
  core("clip_vision"),
  core("style_models"),
  core("embeddings"),
  core("diffusers"),
  core("vae_approx"),
  core("controlnet", ["controlnet", "t2i_adapter"]),
  core("gligen"),
  core("upscale_models"),
  core("latent_upscale_models"),
  core("hypernetworks"),
  core("photomaker"),
  // {''}: only files without an extension are listed (folder_paths.py:47, 413-414).
  core("classifiers", ["classifiers"], [""]),
  core("model_patches"),
  core("audio_encoders"),
  core("background_removal"),
  core("frame_interpolation"),
  core("geometry_estimation"),
  core("optical_flow"),
  core("detection"),
];

/** A pack's own folder inside custom_nodes/, under the names a git clone and the Comfy registry give the pack's directory. */
const inPack = (directories: readonly string[], below: string) => directories.map((directory) => `custom_nodes/${directory}/${below}`);

/**
 * Folder keys popular node packs register (folder_paths.add_model_folder_path / folder_names_and_paths), and the plain
 * folders their loaders read without a key. Keys whose name differs from their path are listed by path, with the key as
 * an alias, so `xlabs_loras` in extra_model_paths.yaml and `xlabs/loras` in a reference are one folder.
 */
export const CUSTOM_PACK_FOLDERS: readonly FolderSpec[] = [
  // Keys that share another folder's paths (same list object): files listed under them are that folder's.
  pack("diffusion_models", "city96/ComfyUI-GGUF nodes.py:19-31; calcuis/gguf pig.py:305-314", {
    paths: ["unet", "diffusion_models"],
    aliases: ["unet_gguf", "model_gguf"],
  }),
  pack("text_encoders", "city96/ComfyUI-GGUF nodes.py:19-32; calcuis/gguf pig.py:315", { paths: ["text_encoders", "clip"], aliases: ["clip_gguf"] }),
  pack("ipadapter", "cubiq/ComfyUI_IPAdapter_plus IPAdapterPlus.py:36-40"),
  pack("ipadapter-flux", "Shakker-Labs/ComfyUI-IPAdapter-Flux ipadapter_flux.py:11-19"),
  pack("ultralytics", "ltdrdata/ComfyUI-Impact-Subpack modules/subpack_nodes.py:11; 1038lab/ComfyUI-RMBG py/AILab_YoloV8.py:11-16", {
    paths: ["ultralytics", "yolo"],
  }),
  pack("ultralytics/bbox", "ltdrdata/ComfyUI-Impact-Subpack modules/subpack_nodes.py:9", { aliases: ["ultralytics_bbox"] }),
  pack("ultralytics/segm", "ltdrdata/ComfyUI-Impact-Subpack modules/subpack_nodes.py:10", { aliases: ["ultralytics_segm"] }),
  pack("mmdets", "ltdrdata/ComfyUI-Impact-Pack modules/impact/impact_pack.py:48"),
  pack("mmdets/bbox", "ltdrdata/ComfyUI-Impact-Pack modules/impact/impact_pack.py:46", { aliases: ["mmdets_bbox"] }),
  pack("mmdets/segm", "ltdrdata/ComfyUI-Impact-Pack modules/impact/impact_pack.py:47", { aliases: ["mmdets_segm"] }),
  pack("sams", "ltdrdata/ComfyUI-Impact-Pack modules/impact/impact_pack.py:49"),
  pack("onnx", "ltdrdata/ComfyUI-Impact-Pack modules/impact/impact_pack.py:50", { extensions: [".onnx"] }),
  pack("animatediff_models", "Kosinkadink/ComfyUI-AnimateDiff-Evolved animatediff/utils_model.py:343-346", {
    searchedFirst: inPack(["ComfyUI-AnimateDiff-Evolved", "comfyui-animatediff-evolved"], "models"),
  }),
  pack("animatediff_motion_lora", "Kosinkadink/ComfyUI-AnimateDiff-Evolved animatediff/utils_model.py:349-352", {
    searchedFirst: inPack(["ComfyUI-AnimateDiff-Evolved", "comfyui-animatediff-evolved"], "motion_lora"),
  }),
  pack("facerestore_models", "Gourieff/ComfyUI-ReActor nodes.py:80-82; mav-rik/facerestore_cf __init__.py:19-23", { fixedPaths: true }),
  pack("facedetection", "mav-rik/facerestore_cf __init__.py:20-24", { aliases: ["facedetection_models"] }),
  // ReActor globs these plain folders itself (scripts/reactor_faceswap.py:26-39); lldacing's PuLID registers insightface as a key.
  pack("insightface", "Gourieff/ComfyUI-ReActor scripts/reactor_faceswap.py:26-39; lldacing/ComfyUI_PuLID_Flux_ll pulidflux.py:38"),
  pack("reswapper", "Gourieff/ComfyUI-ReActor scripts/reactor_faceswap.py:26-39"),
  pack("hyperswap", "Gourieff/ComfyUI-ReActor scripts/reactor_faceswap.py:26-39"),
  pack("reactor/faces", "Gourieff/ComfyUI-ReActor nodes.py:70-72, 106-110"),
  pack("instantid", "cubiq/ComfyUI_InstantID InstantID.py:22-27"),
  pack("pulid", "cubiq/PuLID_ComfyUI pulid.py:20-25; nunchaku-tech/ComfyUI-nunchaku nodes/models/utils.py:6-26"),
  pack("facexlib", "lldacing/ComfyUI_PuLID_Flux_ll pulidflux.py:39"),
  pack("t5", "city96/ComfyUI_ExtraModels T5/nodes.py:14-20; yolain/ComfyUI-Easy-Use prestartup_script.py:33"),
  pack("LLM", "kijai/ComfyUI-Florence2 nodes.py:62-66; yolain/ComfyUI-Easy-Use prestartup_script.py:34 (key llm)", { aliases: ["llm"], extensions: "any" }),
  pack("xlabs", "XLabs-AI/x-flux-comfyui nodes.py:54", { fixedPaths: true }),
  pack("xlabs/loras", "XLabs-AI/x-flux-comfyui nodes.py:55", { aliases: ["xlabs_loras"], fixedPaths: true }),
  pack("xlabs/controlnets", "XLabs-AI/x-flux-comfyui nodes.py:56", { aliases: ["xlabs_controlnets"], fixedPaths: true }),
  pack("xlabs/ipadapters", "XLabs-AI/x-flux-comfyui nodes.py:57", { aliases: ["xlabs_ipadapters"], fixedPaths: true }),
  pack("xlabs/flux", "XLabs-AI/x-flux-comfyui nodes.py:58-59", { aliases: ["xlabs_flux", "xlabs_flux_json"], fixedPaths: true }),
  pack("mmaudio", "kijai/ComfyUI-MMAudio nodes.py:14-15", { extensions: "any" }),
  pack("wav2vec2", "kijai/ComfyUI-WanVideoWrapper multitalk/nodes.py:14", { extensions: "any" }),
  pack("nlf", "kijai/ComfyUI-WanVideoWrapper MTV/nodes.py:15", { extensions: "any" }),
  pack("CogVideo", "kijai/ComfyUI-CogVideoXWrapper nodes.py:47-48", { extensions: "any" }),
  pack("CogVideo/loras", "kijai/ComfyUI-CogVideoXWrapper nodes.py:49-50", { aliases: ["cogvideox_loras"], extensions: "any" }),
  pack("inpaint", "Acly/comfyui-inpaint-nodes __init__.py:6-21", { extensions: [".pt", ".pth", ".safetensors", ".patch"] }),
  pack("lbw_models", "ltdrdata/ComfyUI-Inspire-Pack inspire/lora_block_weight.py:20", { extensions: [".safetensors"] }),
  pack("lama", "sipherxyz/comfyui-art-venture modules/inpaint/lama/__init__.py:13-16"),
  pack("blip", "sipherxyz/comfyui-art-venture modules/interrogate/blip_node.py:17, 30-33", { fixedPaths: true }),
  pack("isnet", "sipherxyz/comfyui-art-venture modules/isnet/segmenter.py:24, 40-43", { fixedPaths: true }),
  pack("RMBG", "1038lab/ComfyUI-RMBG py/AILab_RMBG.py:37", { aliases: ["rmbg"], extensions: "any" }),
  pack("BiRefNet", "lldacing/ComfyUI_BiRefNet_ll __init__.py:12-20; AHEKOT/ComfyUI_VNCCS nodes/vnccs_utils.py:116", {
    paths: ["BiRefNet", "RMBG/BiRefNet"],
    aliases: ["birefnet"],
  }),
  pack("depthanything3", "PozzettiAndrea/ComfyUI-DepthAnythingV3 nodes/load_model.py:23-25", { aliases: ["depth_anything_v3"] }),
  pack("SEEDVR2", "numz/ComfyUI-SeedVR2_VideoUpscaler src/utils/constants.py:49", { aliases: ["seedvr2"], extensions: [".safetensors", ".gguf"] }),
  pack("sam3", "PozzettiAndrea/ComfyUI-SAM3 nodes/load_model.py:21-23", { extensions: "any" }),
  pack("sam3dbody", "PozzettiAndrea/ComfyUI-SAM3DBody nodes/load_model.py:34-36", { extensions: "any" }),
  pack("layer_model", "yolain/ComfyUI-Easy-Use prestartup_script.py:26"),
  pack("rembg", "yolain/ComfyUI-Easy-Use prestartup_script.py:27"),
  pack("dynamicrafter_models", "yolain/ComfyUI-Easy-Use prestartup_script.py:29"),
  pack("mediapipe", "yolain/ComfyUI-Easy-Use prestartup_script.py:30", { extensions: [".tflite", ".pth"] }),
  pack("prompt_generator", "yolain/ComfyUI-Easy-Use prestartup_script.py:32"),
  pack("tensorrt", "comfyanonymous/ComfyUI_TensorRT tensorrt_loader.py:12-18", { extensions: [".engine"] }),
  pack("LLavacheckpoints", "gokayfem/ComfyUI_VLM_nodes nodes/runtime.py:72-91", { extensions: [".gguf"] }),
  pack("TTS", "diodiogod/TTS-Audio-Suite utils/models/extra_paths.py:43-60"),
  pack("tts", "wildminder/ComfyUI-VibeVoice __init__.py:37-44"),
  pack("ella", "TencentQQGYLab/ComfyUI-ELLA ella.py:20-24"),
  pack("ella_encoder", "TencentQQGYLab/ComfyUI-ELLA ella.py:26-30"),
  pack("apisr", "ZHO-ZHO-ZHO/ComfyUI-APISR Apisr.py:11"),
  pack("infinite_you", "bytedance/ComfyUI_InfiniteYou nodes.py:33"),
  pack("svd", "thecooltechguy/ComfyUI-Stable-Video-Diffusion __init__.py:7-9"),
  pack("pyramidflow", "kijai/ComfyUI-PyramidFlowWrapper nodes.py:18-19"),
  pack("DiffuEraser", "smthemex/ComfyUI_DiffuEraser diffueraser_node.py:22-25"),
  pack("FlashVSR", "smthemex/ComfyUI_FlashVSR FlashVSR_node.py:24-28"),
  pack("InstantIR", "smthemex/ComfyUI_InstantIR_Wrapper InstantIR_node.py:21-28"),
  pack("sonic", "smthemex/ComfyUI_Sonic sonic_node.py:34-37", { extensions: "any" }),
  pack("gguf", "smthemex/ComfyUI_StoryDiffusion Storydiffusion_node.py:37-40", { extensions: "any" }),
  pack("trellis", "if-ai/ComfyUI-IF_Trellis __init__.py:41"),
  // Plain folders loaders read by path (no folder key, so extra_model_paths.yaml cannot move them).
  pack("sam2", "kijai/ComfyUI-segment-anything-2 nodes.py:62"),
  pack("depthanything", "kijai/ComfyUI-DepthAnythingV2 nodes.py:68"),
  pack("BiRefNet/pth", "chflame163/ComfyUI_LayerStyle_Advance py/birefnet_ultra_v2.py:38; py/imagefunc.py:2286-2294"),
  pack("transparent-background", "chflame163/ComfyUI_LayerStyle_Advance py/transparent_background_ultra.py:8-13"),
  pack("videodepthanything", "yuvraj108c/ComfyUI-Video-Depth-Anything"),
  // Weights packs keep inside their own folder, relative to ComfyUI's root.
  pack("custom_nodes/ComfyUI-Frame-Interpolation/ckpts", "Fannovel16/ComfyUI-Frame-Interpolation vfi_utils.py:42-46, 84-85; pyproject.toml:2", {
    base: "comfyui",
    paths: inPack(["ComfyUI-Frame-Interpolation", "comfyui-frame-interpolation"], "ckpts"),
    extensions: "any",
  }),
  pack("custom_nodes/comfyui_controlnet_aux/ckpts", "Fannovel16/comfyui_controlnet_aux utils.py:14-51; src/custom_controlnet_aux/util.py:289-350", {
    base: "comfyui",
    paths: inPack(["comfyui_controlnet_aux"], "ckpts"),
    extensions: "any",
  }),
  pack("custom_nodes/ComfyUI-3D-Pack/Checkpoints", "MrForExample/ComfyUI-3D-Pack nodes.py:175, 1429-1431", { base: "comfyui", extensions: "any" }),
  pack("custom_nodes/comfyui_LLM_party/model", "heshengtao/comfyui_LLM_party llm.py:2127-2129; custom_tool/llavaloader.py:16-31", {
    base: "comfyui",
    extensions: "any",
  }),
  pack("custom_nodes/ControlNet-LLLite-ComfyUI/models", "kohya-ss/ControlNet-LLLite-ComfyUI node_control_net_lllite.py:10-11", { base: "comfyui" }),
  pack("custom_nodes/ComfyUI-ResAdapter/models", "jiaxiangc/ComfyUI-ResAdapter resadapter_loraloader.py:5-10", { base: "comfyui" }),
  pack("custom_nodes/ComfyUI-SuperBeasts/models", "SuperBeastsAI/ComfyUI-SuperBeasts superbeastsai_nodes.py:327", { base: "comfyui", extensions: "any" }),
  pack("magic_cloth_checkpoint", "frankchieng/ComfyUI_MagicClothing nodes.py:20-26", {
    base: "comfyui",
    paths: inPack(["ComfyUI_MagicClothing"], "checkpoints"),
  }),
  pack("luts", "cubiq/ComfyUI_essentials utils.py:12-15", { searchedFirst: inPack(["ComfyUI_essentials"], "luts"), extensions: [".cube"] }),
];

/** Every folder ComfyFixer knows, standard ones first. A key listed twice (a pack's alias of a core folder) is one folder. */
export const KNOWN_FOLDERS: readonly FolderSpec[] = [...STANDARD_FOLDERS, ...CUSTOM_PACK_FOLDERS];

const FOLDERS_BY_KEY: ReadonlyMap<string, FolderSpec> = new Map([...KNOWN_FOLDERS].reverse().map((spec) => [spec.key, spec]));

export function folderSpec(key: string): FolderSpec | undefined {
  return FOLDERS_BY_KEY.get(key);
}

/** ComfyUI's map_legacy (old keys that now mean another folder), then the keys packs register under another name. */
export const FOLDER_ALIASES: Readonly<Record<string, string>> = Object.fromEntries([
  ["unet", "diffusion_models"],
  ["clip", "text_encoders"],
  ...KNOWN_FOLDERS.flatMap((spec) => (spec.aliases ?? []).map((alias) => [alias.toLowerCase(), spec.key])),
]);

/** Keys in extra_model_paths.yaml that are not models folders. */
export const NON_MODEL_KEYS: ReadonlySet<string> = new Set(["custom_nodes"]);

/** The folder for a folder name written in any of its forms: legacy and pack keys (`Unet`, `clip/`, `xlabs_loras`), `models\\vae`. */
export function canonicalFolder(folder: string): string {
  const trimmed = withoutTrailing(folder.trim().replace(/\\/g, "/"), "/").replace(/^models\//i, "");
  return FOLDER_ALIASES[trimmed.toLowerCase()] ?? trimmed;
}

/**
 * The longest of `keys` a folder lies in, and the sub-folder below it: `custom_nodes/ComfyUI-Frame-Interpolation/ckpts/rife`
 * is `rife` below the Frame-Interpolation folder, `checkpoints/F5-TTS` is `F5-TTS` below checkpoints. A folder that no key
 * contains is its own.
 */
export function folderWithin(folder: string, hasKey: (key: string) => boolean): { folder: string; subPath: string } {
  if (hasKey(folder)) return { folder, subPath: "" };
  for (let cut = folder.lastIndexOf("/"); cut > 0; cut = folder.lastIndexOf("/", cut - 1)) {
    const parent = folder.slice(0, cut);
    if (hasKey(parent)) return { folder: parent, subPath: folder.slice(cut + 1) };
  }
  return { folder, subPath: "" };
}

/** A folder named by its path from ComfyUI's root (a pack's own folder) rather than below models/. */
export function isComfyRootFolder(folder: string): boolean {
  return folder.startsWith("custom_nodes/");
}

/** A folder key that can name a directory below its base: no `..`, no absolute path, plain characters. */
export function isSafeFolderKey(folder: string): boolean {
  const parts = folder.split("/");
  return /^[A-Za-z0-9 _.+-]+(\/[A-Za-z0-9 _.+-]+)*$/.test(folder) && !parts.some((part) => part === "." || part === "..");
}

/** ComfyUI's supported_pt_extensions plus the weight formats packs add (GGUF, ONNX, TensorRT engines, Fooocus patches). */
export const MODEL_EXTENSIONS = [".safetensors", ".sft", ".ckpt", ".pt", ".pt2", ".pth", ".bin", ".pkl", ".gguf", ".onnx"] as const;

const endingWith = (extensions: readonly string[]) => new RegExp(`\\.(${extensions.map((extension) => extension.slice(1)).join("|")})$`, "i");

/** Matches a model file extension at the end of a name. */
export const MODEL_FILE_PATTERN = endingWith(MODEL_EXTENSIONS);

/** Files a model may come with or be published as: the weights, plus configs and other runtimes' formats. */
export const MODEL_RELATED_EXTENSIONS = [...MODEL_EXTENSIONS, ".yaml", ".json", ".engine", ".tflite", ".pb", ".model", ".patch", ".torchscript"] as const;
export const MODEL_RELATED_FILE_PATTERN = endingWith(MODEL_RELATED_EXTENSIONS);

/** ComfyUI's embedding loader tries the name as written, then with these extensions (comfy/sd1_clip.py load_embed). */
export const EMBEDDING_EXTENSIONS = [".safetensors", ".pt", ".bin"] as const;

/** Widget values that stand for "no file" or for a built-in choice, never a file to fetch. */
export const PLACEHOLDER_VALUES: ReadonlySet<string> = new Set(
  [
    "none",
    "[none]",
    "baked vae",
    "default",
    "disabled",
    "auto",
    "",
    "undefined",
    "null",
    "select the lora to add to the text",
    "(use same)",
    ".none",
    ".use_ckpt_clip",
    ".use_ckpt_vae",
  ].map((value) => value.toLowerCase()),
);

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_VALUES.has(value.trim().toLowerCase());
}

/** A single-line name short enough to be a file name, and not a URL. */
function isNameLike(value: string): boolean {
  return value.length <= 512 && !value.includes("\n") && !/^[a-z]+:\/\//i.test(value);
}

/** A string that names a model file: ends with a model extension, one line, not a URL. */
export function looksLikeModelFile(value: unknown): value is string {
  return typeof value === "string" && isNameLike(value) && MODEL_FILE_PATTERN.test(value.trim());
}

/** A string that names a file a loader of `folder` lists: a model file, or a file with one of the folder's own extensions. */
export function looksLikeFileOf(value: unknown, folder: string): value is string {
  if (looksLikeModelFile(value)) return true;
  if (typeof value !== "string" || !isNameLike(value)) return false;
  const extensions = folderSpec(folder)?.extensions;
  if (extensions === "any") return /\.[A-Za-z0-9]{1,12}$/.test(value.trim());
  return MODEL_RELATED_FILE_PATTERN.test(value.trim()) || (extensions ?? []).some((extension) => extension && value.toLowerCase().endsWith(extension));
}
