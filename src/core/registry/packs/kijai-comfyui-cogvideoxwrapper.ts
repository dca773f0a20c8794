// kijai/ComfyUI-CogVideoXWrapper @ fdb8abd2 (2025-08-07): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-CogVideoXWrapper", "fdb8abd2", {
  CogVideoXModelLoader: node("model_loading.py:671", file("model", 0, "diffusion_models")),
  CogVideoXVAELoader: node("model_loading.py:933", file("model_name", 0, "vae")),
  CogVideoLoraSelect: node("model_loading.py:59", file("lora", 0, "CogVideo/loras")),
  CogVideoLoraSelectComfy: node("model_loading.py:96", file("lora", 0, "loras")),
  DownloadAndLoadCogVideoGGUFModel: node("model_loading.py:483", file("model", 0, "CogVideo/GGUF")),
});
