// bytedance/ComfyUI-HyperLoRA @ feb11bed (2025-05-19): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, node, pack } from "../spec";

export default pack("bytedance/ComfyUI-HyperLoRA", "feb11bed", {
  HyperLoRAConfig: node(
    "hyperlora/nodes.py:94",
    directory("image_processor", 0, "hyper_lora/clip_processor"),
    directory("image_encoder", 1, "hyper_lora/clip_vit"),
    directory("face_analyzer", 8, "insightface/models"),
  ),
  HyperLoRALoader: node("hyperlora/nodes.py:149", directory("model", 0, "hyper_lora/hyper_lora")),
  HyperLoRAUniLoader: node(
    "hyperlora/nodes.py:530",
    directory("image_processor", 0, "hyper_lora/clip_processor"),
    directory("image_encoder", 1, "hyper_lora/clip_vit"),
    directory("face_analyzer", 3, "insightface/models"),
    directory("model", 4, "hyper_lora/hyper_lora"),
  ),
});
