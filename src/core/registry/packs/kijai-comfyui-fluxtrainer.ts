// kijai/ComfyUI-FluxTrainer @ 639b3e80 (2025-02-03): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-FluxTrainer", "639b3e80", {
  FluxTrainModelSelect: node(
    "nodes.py:38",
    file("transformer", 0, "diffusion_models"),
    file("vae", 1, "vae"),
    file("clip_l", 2, "text_encoders"),
    file("t5", 3, "text_encoders"),
  ),
  FluxKohyaInferenceSampler: node("nodes.py:1332", file("lora_name", 0, "loras")),
  ExtractFluxLoRA: node("nodes.py:1705", file("original_model", 0, "diffusion_models"), file("finetuned_model", 1, "diffusion_models")),
  SD3ModelSelect: node(
    "nodes_sd3.py:29",
    file("transformer", 0, "checkpoints"),
    file("clip_l", 1, "text_encoders"),
    file("clip_g", 2, "text_encoders"),
    file("t5", 3, "text_encoders"),
  ),
  SDXLModelSelect: node("nodes_sdxl.py:29", file("checkpoint", 0, "checkpoints")),
});
