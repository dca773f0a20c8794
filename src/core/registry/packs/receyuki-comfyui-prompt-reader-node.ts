// receyuki/comfyui-prompt-reader-node @ a88722ce (2025-02-01): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("receyuki/comfyui-prompt-reader-node", "a88722ce", {
  SDParameterGenerator: node("nodes.py:737", file("ckpt_name", 0, "checkpoints"), file("vae_name", 1, "vae")),
  SDPromptSaver: node("nodes.py:313", file("model_name", 2, "checkpoints"), file("vae_name", 3, "vae")),
  SDLoraLoader: node("nodes.py:1256", file("lora_name", 0, "loras")),
  SDLoraSelector: node("nodes.py:1313", file("lora_name", 0, "loras")),
});
