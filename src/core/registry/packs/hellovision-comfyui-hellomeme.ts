// HelloVision/ComfyUI_HelloMeme @ 6ccb7d2c (2025-06-27): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";
import { HELLOMEME_VAE, NAMES_WITHOUT_EXTENSION_ARE_PRESETS } from "../values";

export default pack("HelloVision/ComfyUI_HelloMeme", "6ccb7d2c", {
  HMImagePipelineLoader: node(
    "meme.py:83",
    file("checkpoint", 0, "checkpoints", { values: NAMES_WITHOUT_EXTENSION_ARE_PRESETS }),
    file("lora", 1, "loras", { values: NAMES_WITHOUT_EXTENSION_ARE_PRESETS }),
    file("vae", 2, "vae", { values: HELLOMEME_VAE }),
  ),
  HMVideoPipelineLoader: node(
    "meme.py:130",
    file("checkpoint", 0, "checkpoints", { values: NAMES_WITHOUT_EXTENSION_ARE_PRESETS }),
    file("lora", 1, "loras", { values: NAMES_WITHOUT_EXTENSION_ARE_PRESETS }),
    file("vae", 2, "vae", { values: HELLOMEME_VAE }),
  ),
});
