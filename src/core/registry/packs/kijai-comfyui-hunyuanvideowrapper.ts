// kijai/ComfyUI-HunyuanVideoWrapper @ 3ce96404 (2025-05-09): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-HunyuanVideoWrapper", "3ce96404", {
  HyVideoModelLoader: node("nodes.py:281", file("model", 0, "diffusion_models")),
  HyVideoVAELoader: node("nodes.py:506", file("model_name", 0, "vae")),
  HyVideoLoraSelect: node("nodes.py:122", file("lora", 0, "loras")),
  HyVideoTextEmbedsLoad: node("nodes.py:1157"),
});
