// BobJohnson24/ComfyUI-Flux2-INT8 @ 46e2731d (2026-03-01): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("BobJohnson24/ComfyUI-Flux2-INT8", "46e2731d", {
  OTUNetLoaderW8A8: node("int8_unet_loader.py:19", file("unet_name", 0, "diffusion_models")),
  INT8LoraLoader: node("int8_lora.py:17", file("lora_name", 0, "loras")),
  INT8DynamicLoraLoader: node("int8_dynamic_lora.py:10", file("lora_name", 0, "loras")),
});
