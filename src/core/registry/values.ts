// Rules on widget values that decide a file's folder (or that it is no file), read at the packs' sources.
import type { ValueRule } from "./spec";

const rules = (...list: ValueRule[]): readonly ValueRule[] => list;

/**
 * comfyanonymous/ComfyUI nodes.py:754-847 (77917ed3). The image tiny autoencoders are offered by pseudo name and loaded
 * as two files, `<name>_encoder.*` and `<name>_decoder.*`, from vae_approx; `pixel_space` needs no file; a video tiny
 * autoencoder is loaded from vae_approx when the name without its extension is exactly one of the stems (any other
 * name, even one starting with a stem, is looked up in vae).
 */
export const VAE_LOADER_VALUES = rules(
  { match: /^pixel_space$/, folder: null },
  { match: /^(taesd|taesdxl|taesd3|taef1|taef2)$/, folder: "vae_approx", name: ["$1_encoder", "$1_decoder"] },
  { match: /^(taehv|lighttaew2_2|lighttaew2_1|lighttaehy1_5|taeltx_2)\.[^./\\]+$/, folder: "vae_approx" },
);

/** kijai/ComfyUI-KJNodes nodes/nodes.py:2302-2303, 2402-2411 (3f200542): the same rule without taeltx_2 and taef2 (looked up in vae). */
export const VAE_LOADER_KJ_VALUES = rules(
  { match: /^pixel_space$/, folder: null },
  { match: /^taef2$/, folder: "vae" },
  { match: /^(taesd|taesdxl|taesd3|taef1)$/, folder: "vae_approx", name: ["$1_encoder", "$1_decoder"] },
  { match: /^(taehv|lighttaew2_2|lighttaew2_1|lighttaehy1_5)\.[^./\\]+$/, folder: "vae_approx" },
);

/** Where comfyui_controlnet_aux keeps its annotator weights: `<pack>/ckpts/<Hugging Face repo>/<file>` (src/custom_controlnet_aux/util.py:289-350). */
export const AUX_CKPTS = "custom_nodes/comfyui_controlnet_aux/ckpts";

/** Fannovel16/comfyui_controlnet_aux node_wrappers/dwpose.py:55-64, 119-128 (e8b689a5): the repo follows the detector file. */
export const DWPOSE_BBOX = rules(
  { match: /^yolox_l\.onnx$/, folder: `${AUX_CKPTS}/yzd-v/DWPose` },
  { match: /^yolox_l\.torchscript\.pt$/, folder: `${AUX_CKPTS}/hr16/yolox-onnx` },
  { match: /^yolo_nas_[lms]_fp16\.onnx$/, folder: `${AUX_CKPTS}/hr16/yolo-nas-fp16` },
);

/** The same file, dwpose.py:66-73 and 130-137: pose estimators (DWPose and animal pose alike). */
export const DWPOSE_POSE = rules(
  { match: /^dw-ll_ucoco_384\.onnx$/, folder: `${AUX_CKPTS}/yzd-v/DWPose` },
  { match: /\.torchscript\.pt$/, folder: `${AUX_CKPTS}/hr16/DWPose-TorchScript-BatchSize5` },
  { match: /\.onnx$/, folder: `${AUX_CKPTS}/hr16/UnJIT-DWPose` },
);

/** src/custom_controlnet_aux/util.py:27-34: Depth Anything V2 weights by model size. */
export const DEPTH_ANYTHING_V2 = rules(
  { match: /vitg\.pth$/, folder: `${AUX_CKPTS}/depth-anything/Depth-Anything-V2-Giant` },
  { match: /vitl\.pth$/, folder: `${AUX_CKPTS}/depth-anything/Depth-Anything-V2-Large` },
  { match: /vitb\.pth$/, folder: `${AUX_CKPTS}/depth-anything/Depth-Anything-V2-Base` },
  { match: /vits\.pth$/, folder: `${AUX_CKPTS}/depth-anything/Depth-Anything-V2-Small` },
);

/** Gourieff/ComfyUI-ReActor scripts/reactor_swapper.py:345-352 (6ad6b35a): the swap model's folder is chosen by its name. */
export const REACTOR_SWAP_MODELS = rules({ match: /reswapper/, folder: "reswapper" }, { match: /hyperswap/, folder: "hyperswap" });

/** kijai/ComfyUI-KJNodes nodes/model_optimization_nodes.py:310-328, 1685-1693: LTX-2 connector files are text encoders. */
export const LTX2_CONNECTORS = rules({ match: /connector/, folder: "text_encoders" });

/** Lists that put a pack's download presets before the local files: a value without an extension is a preset. */
export const NAMES_WITHOUT_EXTENSION_ARE_PRESETS = rules({ match: /^[^.]*$/, folder: null });

/** HelloVision/ComfyUI_HelloMeme meme.py:39-42 (6ccb7d2c): local VAEs carry a `[vae] ` or `[checkpoint] ` prefix; the rest are presets. */
export const HELLOMEME_VAE = rules(
  { match: /^\[vae\] (.+)$/, folder: "vae", name: "$1" },
  { match: /^\[checkpoint\] (.+)$/, folder: "checkpoints", name: "$1" },
  { match: /^/, folder: null },
);

/** niknah/ComfyUI-F5-TTS F5TTS.py:54-74 (4f091769): `model://<file>` is a file in checkpoints/F5-TTS; other names are built-in. */
export const F5_TTS_MODEL = rules({ match: /^model:\/\/(.+)$/, name: "$1" }, { match: /^/, folder: null });

/** diodiogod/TTS-Audio-Suite (d1bfe54f): `local:<folder>` is a model folder of the slot's own folder; other names are presets it downloads. */
export const LOCAL_PREFIX = rules({ match: /^local:(.+)$/, name: "$1" }, { match: /^/, folder: null });
