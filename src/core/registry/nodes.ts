// The node registry: which widget of which node type loads a file from which models folder.

/** One widget that names a model file: its name (API format / object widgets) and UI position. */
export type ModelSlot = {
  input: string;
  position: number;
  folder: string;
  /** The widget holds a download URL; the file name is the URL's last path segment. */
  fromUrl?: boolean;
};

/** Multi-row LoRA widgets that need their own reading (see rows.ts). */
export type RowLayout =
  | { kind: "powerLora"; folder: string }
  | { kind: "loraManager"; folder: string }
  | {
      kind: "numbered";
      folder: string;
      /** Name template with {n} for the row number, e.g. "lora_name_{n}". */
      name: string;
      /** UI widget position of row 1's name, and widgets per row. */
      first: number;
      stride: number;
      /** Optional on/off widget per row, e.g. "switch_{n}" with "On". */
      toggle?: { name: string; on: string; offset: number };
      /** Widget holding how many rows are shown, if any; rows past it are not used. */
      count?: { name: string; position: number };
    };

export type NodeSpec = {
  slots?: readonly ModelSlot[];
  rows?: RowLayout;
  /** The node parses `<lora:name:weight>` syntax in its text widgets (and in text wired into it). */
  parsesLoraText?: boolean;
};

type SlotEntry = readonly [input: string, folder: string | null, position?: number];

/** Slots in widget order; a null folder marks a widget that is not a model file but takes a position. */
function slots(...entries: SlotEntry[]): NodeSpec {
  const result: ModelSlot[] = [];
  entries.forEach(([input, folder, position], index) => {
    if (folder) result.push({ input, folder, position: position ?? index });
  });
  return { slots: result };
}

const loraParser: NodeSpec = { parsesLoraText: true };
const frameInterpolation = (model: string): NodeSpec => slots(["ckpt_name", `custom_nodes/ComfyUI-Frame-Interpolation/ckpts/${model}`]);
const controlnetAuxCkpts = "custom_nodes/comfyui_controlnet_aux/ckpts";

const TE = "text_encoders";
const DM = "diffusion_models";

export const NODE_REGISTRY: Readonly<Record<string, NodeSpec>> = {
  // ComfyUI core loaders
  CheckpointLoaderSimple: slots(["ckpt_name", "checkpoints"]),
  CheckpointLoader: slots(["config_name", null], ["ckpt_name", "checkpoints"]),
  ImageOnlyCheckpointLoader: slots(["ckpt_name", "checkpoints"]),
  unCLIPCheckpointLoader: slots(["ckpt_name", "checkpoints"]),
  CheckpointLoaderNF4: slots(["ckpt_name", "checkpoints"]),
  "CheckpointLoader|pysssss": slots(["ckpt_name", "checkpoints"]),
  "Checkpoint Loader with Name (Image Saver)": slots(["ckpt_name", "checkpoints"]),
  "CheckpointLoaderSimpleShared //Inspire": slots(["ckpt_name", "checkpoints"]),
  VAELoader: slots(["vae_name", "vae"]),
  LoraLoader: slots(["lora_name", "loras"]),
  LoraLoaderModelOnly: slots(["lora_name", "loras"]),
  "LoraLoader|pysssss": slots(["lora_name", "loras"]),
  CLIPLoader: slots(["clip_name", TE]),
  DualCLIPLoader: slots(["clip_name1", TE], ["clip_name2", TE]),
  TripleCLIPLoader: slots(["clip_name1", TE], ["clip_name2", TE], ["clip_name3", TE]),
  QuadrupleCLIPLoader: slots(["clip_name1", TE], ["clip_name2", TE], ["clip_name3", TE], ["clip_name4", TE]),
  UNETLoader: slots(["unet_name", DM]),
  CLIPVisionLoader: slots(["clip_name", "clip_vision"]),
  ControlNetLoader: slots(["control_net_name", "controlnet"]),
  DiffControlNetLoader: slots(["control_net_name", "controlnet"]),
  StyleModelLoader: slots(["style_model_name", "style_models"]),
  UpscaleModelLoader: slots(["model_name", "upscale_models"]),
  GLIGENLoader: slots(["gligen_name", "gligen"]),
  HypernetworkLoader: slots(["hypernetwork_name", "hypernetworks"]),
  PhotoMakerLoader: slots(["photomaker_model_name", "photomaker"]),
  ModelPatchLoader: slots(["name", "model_patches"]),
  LatentUpscaleModelLoader: slots(["model_name", "latent_upscale_models"]),
  AudioEncoderLoader: slots(["audio_encoder_name", "audio_encoders"]),
  DiffusersLoader: slots(["model_path", "diffusers"]),
  LoraModelLoader: slots(["lora_name", "loras"]),

  // GGUF (city96) and KJ loaders
  UnetLoaderGGUF: slots(["unet_name", DM]),
  UnetLoaderGGUFAdvanced: slots(["unet_name", DM]),
  CLIPLoaderGGUF: slots(["clip_name", TE]),
  DualCLIPLoaderGGUF: slots(["clip_name1", TE], ["clip_name2", TE]),
  TripleCLIPLoaderGGUF: slots(["clip_name1", TE], ["clip_name2", TE], ["clip_name3", TE]),
  QuadrupleCLIPLoaderGGUF: slots(["clip_name1", TE], ["clip_name2", TE], ["clip_name3", TE], ["clip_name4", TE]),
  DiffusionModelLoaderKJ: slots(["model_name", DM]),
  UNETLoaderMultiGPU: slots(["unet_name", DM]),
  UnetLoaderGGUFMultiGPU: slots(["unet_name", DM]),

  // LTX Video
  LTXVLoader: slots(["ckpt_name", "checkpoints"]),
  LTXVAudioVAELoader: slots(["ckpt_name", "checkpoints"]),
  LTXAVTextEncoderLoader: slots(["text_encoder", TE], ["ckpt_name", "checkpoints"]),
  LTXVGemmaCLIPModelLoader: slots(["gemma_path", TE], ["ltxv_path", "checkpoints"]),
  LTXICLoRALoaderModelOnly: slots(["lora_name", "loras"]),
  // The API text encoder names the LTX checkpoint whose text projection it applies.
  GemmaAPITextEncode: slots(["api_key", null], ["prompt", null], ["ckpt_name", "checkpoints"]),
  LoadVideoDepthAnythingModel: slots(["model", "videodepthanything"]),

  // Flux: XLabs and Nunchaku
  FluxLoraLoader: slots(["lora_name", "xlabs/loras"]),
  LoadFluxControlNet: slots(["model_name", null], ["controlnet_path", "xlabs/controlnets"]),
  LoadFluxIPAdapter: slots(["ipadatper", "xlabs/ipadapters"], ["clip_vision", "clip_vision"]),
  NunchakuFluxDiTLoader: slots(["model_path", DM]),
  NunchakuQwenImageDiTLoader: slots(["model_name", DM]),
  NunchakuFluxLoraLoader: slots(["lora_name", "loras"]),
  NunchakuTextEncoderLoader: slots(["model_type", null], ["text_encoder1", TE], ["text_encoder2", TE]),
  NunchakuTextEncoderLoaderV2: slots(["model_type", null], ["text_encoder1", TE], ["text_encoder2", TE]),

  // WAN / Hunyuan video wrappers (kijai) and MultiTalk
  WanVideoModelLoader: slots(["model", DM]),
  WanVideoVAELoader: slots(["model_name", "vae"]),
  WanVideoTinyVAELoader: slots(["model_name", "vae_approx"]),
  LoadWanVideoT5TextEncoder: slots(["model_name", TE]),
  LoadWanVideoClipTextEncoder: slots(["model_name", TE]),
  WanVideoTextEncodeCached: slots(["model_name", TE]),
  WanVideoLoraSelect: slots(["lora", "loras"]),
  WanVideoVACEModelSelect: slots(["vace_model", DM]),
  WanVideoExtraModelSelect: slots(["extra_model", DM]),
  MultiTalkModelLoader: slots(["model", DM]),
  WanVideoLoraSelectMulti: slots(
    ["lora_0", "loras"],
    ["strength_0", null],
    ["lora_1", "loras"],
    ["strength_1", null],
    ["lora_2", "loras"],
    ["strength_2", null],
    ["lora_3", "loras"],
    ["strength_3", null],
    ["lora_4", "loras"],
  ),
  HyVideoModelLoader: slots(["model", DM]),
  HyVideoVAELoader: slots(["model_name", "vae"]),
  HyVideoLoraSelect: slots(["lora", "loras"]),

  // IPAdapter plus, InstantID, PuLID, AnimateDiff
  IPAdapterModelLoader: slots(["ipadapter_file", "ipadapter"]),
  InstantIDModelLoader: slots(["instantid_file", "instantid"]),
  PulidModelLoader: slots(["pulid_file", "pulid"]),
  PulidFluxModelLoader: slots(["pulid_file", "pulid"]),
  ADE_AnimateDiffLoaderWithContext: slots(["model_name", "animatediff_models"]),
  ADE_AnimateDiffLoaderGen1: slots(["model_name", "animatediff_models"]),
  ADE_LoadAnimateDiffModel: slots(["model_name", "animatediff_models"]),
  ADE_AnimateDiffLoaderV1Advanced: slots(["model_name", "animatediff_models"]),
  AnimateDiffLoaderV1: slots(["model_name", "animatediff_models"]),
  ADE_AnimateDiffLoRALoader: slots(["name", "animatediff_motion_lora"]),
  "ACN_ControlNet++LoaderAdvanced": slots(["name", "controlnet"]),
  "ACN_ControlNet++LoaderSingle": slots(["name", "controlnet"]),
  ControlNetLoaderAdvanced: slots(["control_net_name", "controlnet"]),
  ACN_SparseCtrlLoaderAdvanced: slots(["sparsectrl_name", "controlnet"]),

  // Impact / Inspire packs: detectors and wildcard text that may carry <lora:…>
  UltralyticsDetectorProvider: slots(["model_name", "ultralytics"]),
  SAMLoader: slots(["model_name", "sams"]),
  ONNXDetectorProvider: slots(["model_name", "onnx"]),
  MMDetDetectorProvider: slots(["model_name", "mmdets"]),
  "easy ultralyticsDetectorPipe": slots(["model_name", "ultralytics"]),
  "easy samLoaderPipe": slots(["model_name", "sams"]),
  ImpactWildcardProcessor: loraParser,
  ImpactWildcardEncode: loraParser,
  ToDetailerPipe: loraParser,
  ToDetailerPipeSDXL: loraParser,
  BasicPipeToDetailerPipe: loraParser,
  BasicPipeToDetailerPipeSDXL: loraParser,
  EditDetailerPipe: loraParser,
  EditDetailerPipeSDXL: loraParser,
  FaceDetailer: loraParser,
  FaceDetailerPipe: loraParser,
  "WildcardEncode //Inspire": loraParser,
  "LoraLoaderBlockWeight //Inspire": slots(["category_filter", null], ["lora_name", "loras"]),

  // LoRA stacks and text loaders
  "Power Lora Loader (rgthree)": { rows: { kind: "powerLora", folder: "loras" } },
  "Lora Loader (LoraManager)": { rows: { kind: "loraManager", folder: "loras" }, parsesLoraText: true },
  "Lora Stacker (LoraManager)": { rows: { kind: "loraManager", folder: "loras" }, parsesLoraText: true },
  "LoRA Text Loader (LoraManager)": loraParser,
  LoraTagLoader: loraParser,
  PCLazyLoraLoader: loraParser,
  PCLazyLoraLoaderAdvanced: loraParser,
  PCLoraHooksFromText: loraParser,
  PromptControlSimple: loraParser,
  "CR LoRA Stack": {
    rows: {
      kind: "numbered",
      folder: "loras",
      name: "lora_name_{n}",
      first: 1,
      stride: 4,
      toggle: { name: "switch_{n}", on: "On", offset: -1 },
    },
  },
  "CR Load LoRA": slots(["switch", null], ["lora_name", "loras"]),
  "LoRA Stacker": {
    rows: {
      kind: "numbered",
      folder: "loras",
      name: "lora_name_{n}",
      first: 2,
      stride: 4,
      count: { name: "lora_count", position: 1 },
    },
  },
  "easy loraStack": {
    rows: {
      kind: "numbered",
      folder: "loras",
      name: "lora_{n}_name",
      first: 3,
      stride: 4,
      count: { name: "num_loras", position: 2 },
    },
  },
  "Load LoRA From URL": { slots: [{ input: "url", position: 0, folder: "loras", fromUrl: true }] },

  // Efficiency nodes and easy-use loaders
  "Efficient Loader": slots(["ckpt_name", "checkpoints"], ["vae_name", "vae"], ["clip_skip", null], ["lora_name", "loras"]),
  "Eff. Loader SDXL": slots(
    ["base_ckpt_name", "checkpoints"],
    ["base_clip_skip", null],
    ["refiner_ckpt_name", "checkpoints"],
    ["refiner_clip_skip", null],
    ["positive_ascore", null],
    ["negative_ascore", null],
    ["vae_name", "vae"],
  ),
  "easy a1111Loader": slots(["ckpt_name", "checkpoints"], ["vae_name", "vae"], ["clip_skip", null], ["lora_name", "loras"]),
  "easy comfyLoader": slots(["ckpt_name", "checkpoints"], ["vae_name", "vae"], ["clip_skip", null], ["lora_name", "loras"]),
  "easy fullLoader": slots(["ckpt_name", "checkpoints"], ["config_name", null], ["vae_name", "vae"], ["clip_skip", null], ["lora_name", "loras"]),
  "easy svdLoader": slots(["ckpt_name", "checkpoints"]),
  "easy controlnetLoader": slots(["control_net_name", "controlnet"]),
  "easy controlnetLoaderADV": slots(["control_net_name", "controlnet"]),
  "easy controlnetLoader++": slots(["control_net_name", "controlnet"]),

  // MMAudio, Kolors (MZ), misc
  MMAudioModelLoader: slots(["mmaudio_model", "mmaudio"]),
  MMAudioFeatureUtilsLoader: slots(["vae_model", "mmaudio"], ["synchformer_model", "mmaudio"], ["clip_model", "mmaudio"]),
  MZ_ChatGLM3Loader: slots(["chatglm3_checkpoint", "LLM"]),
  MZ_KolorsUNETLoaderV2: slots(["unet_name", DM]),
  MZ_KolorsUNETLoader: slots(["unet_name", DM]),
  FaceRestoreModelLoader: slots(["model_name", "facerestore_models"]),

  // Weights a pack keeps under its own folder
  "RIFE VFI": frameInterpolation("rife"),
  "FILM VFI": frameInterpolation("film"),
  "IFRNet VFI": frameInterpolation("ifrnet"),
  "AMT VFI": frameInterpolation("amt"),
  "GMFSS Fortuna VFI": frameInterpolation("gmfss_fortuna"),
  "STMFNet VFI": frameInterpolation("stmfnet"),
  "FLAVR VFI": frameInterpolation("flavr"),
  "CAIN VFI": frameInterpolation("cain"),
  "IFUnet VFI": frameInterpolation("ifunet"),
  "M2M VFI": frameInterpolation("m2m"),
  "Sepconv VFI": frameInterpolation("sepconv"),
  DWPreprocessor: slots(
    ["detect_hand", null],
    ["detect_body", null],
    ["detect_face", null],
    ["resolution", null],
    ["bbox_detector", controlnetAuxCkpts],
    ["pose_estimator", controlnetAuxCkpts],
  ),
  AnimalPosePreprocessor: slots(["bbox_detector", controlnetAuxCkpts], ["pose_estimator", controlnetAuxCkpts]),
};

/** Nodes that only document the workflow; their text never names a model the workflow loads. */
export const DOCUMENTATION_NODES: ReadonlySet<string> = new Set([
  "Note",
  "MarkdownNote",
  "Note Plus (mtb)",
  "Label (rgthree)",
  "Fast Groups Bypasser (rgthree)",
  "Fast Groups Muter (rgthree)",
  "Bookmark (rgthree)",
  "PreviewAny",
  "ShowText|pysssss",
  "easy showAnything",
]);

/** Value-carrying nodes whose value is copied into the widget they feed; the target reports it. */
export const VALUE_SOURCE_NODES: ReadonlySet<string> = new Set(["PrimitiveNode", "Reroute"]);

export function lookupNode(nodeType: string): NodeSpec | undefined {
  return Object.hasOwn(NODE_REGISTRY, nodeType) ? NODE_REGISTRY[nodeType] : undefined;
}
