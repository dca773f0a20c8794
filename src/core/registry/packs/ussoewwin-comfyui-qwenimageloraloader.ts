// ussoewwin/ComfyUI-QwenImageLoraLoader @ 6efac00e (2026-08-17): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("ussoewwin/ComfyUI-QwenImageLoraLoader", "6efac00e", {
  NunchakuQwenImageLoraLoader: node("nodes/lora/qwenimage.py:51", file("lora_name", 0, "loras")),
  Krea2ControlNetLoraLoader: node("nodes/lora/krea2_controlnet_lora.py:30", file("name", 0, "controlnet")),
});
