// kijai/ComfyUI-KJNodes @ 3f200542 (2026-08-14): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";
import { LTX2_CONNECTORS, VAE_LOADER_KJ_VALUES } from "../values";

export default pack("kijai/ComfyUI-KJNodes", "3f200542", {
  VAELoaderKJ: node("nodes/nodes.py:2383", file("vae_name", 0, "vae", { values: VAE_LOADER_KJ_VALUES })),
  CheckpointLoaderKJ: node("nodes/model_optimization_nodes.py:238", file("ckpt_name", 0, "checkpoints")),
  DiffusionModelLoaderKJ: node("nodes/model_optimization_nodes.py:357", file("model_name", 0, "diffusion_models")),
  DiffusionModelSelector: node("nodes/model_optimization_nodes.py:313", file("model_name", 0, "diffusion_models", { values: LTX2_CONNECTORS })),
  GGUFLoaderKJ: node(
    "nodes/model_optimization_nodes.py:1606",
    file("model_name", 0, "diffusion_models"),
    file("extra_model_name", 1, "diffusion_models", { values: LTX2_CONNECTORS }),
  ),
  DiTBlockLoraLoader: node("nodes/nodes.py:1953", file("lora_name", 1, "loras")),
  LTX2LoraLoaderAdvanced: node("nodes/ltxv_nodes.py:2212", file("lora_name", 0, "loras")),
  LoraReduceRankKJ: node("nodes/lora_nodes.py:236", file("lora_name", 0, "loras")),
  ModelPreviewOverrideKJ: node("nodes/preview_override_node.py:759", file("tiny_vae", 5, "vae_approx")),
});
