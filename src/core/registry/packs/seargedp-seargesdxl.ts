// SeargeDP/SeargeSDXL @ 2eb5edbc (2024-04-10): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("SeargeDP/SeargeSDXL", "2eb5edbc", {
  SeargeInput4: node(
    "modules/_legacy.py:843",
    file("base_model", 0, "checkpoints"),
    file("refiner_model", 1, "checkpoints"),
    file("vae_model", 2, "vae"),
    file("main_upscale_model", 3, "upscale_models"),
    file("support_upscale_model", 4, "upscale_models"),
    file("lora_model", 5, "loras"),
  ),
  SeargeModelSelector: node(
    "modules/ui_model_selector.py:38",
    file("base_checkpoint", 0, "checkpoints"),
    file("refiner_checkpoint", 1, "checkpoints"),
    file("vae_checkpoint", 2, "vae"),
  ),
  SeargeLoras: node(
    "modules/ui_loras.py:42",
    file("lora_1", 0, "loras"),
    file("lora_2", 2, "loras"),
    file("lora_3", 4, "loras"),
    file("lora_4", 6, "loras"),
    file("lora_5", 8, "loras"),
  ),
  SeargeControlnetModels: node(
    "modules/ui_controlnet_models.py:38",
    file("clip_vision", 0, "clip_vision"),
    file("canny_checkpoint", 1, "controlnet"),
    file("depth_checkpoint", 2, "controlnet"),
    file("recolor_checkpoint", 3, "controlnet"),
    file("sketch_checkpoint", 4, "controlnet"),
    file("custom_checkpoint", 5, "controlnet"),
  ),
  SeargeUpscaleModels: node(
    "modules/ui_upscale_models.py:38",
    file("detail_processor", 0, "upscale_models"),
    file("high_res_upscaler", 1, "upscale_models"),
    file("primary_upscaler", 2, "upscale_models"),
    file("secondary_upscaler", 3, "upscale_models"),
  ),
});
