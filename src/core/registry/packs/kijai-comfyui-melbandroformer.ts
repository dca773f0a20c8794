// kijai/ComfyUI-MelBandRoFormer @ b40e2632 (2025-08-26): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-MelBandRoFormer", "b40e2632", {
  MelBandRoFormerModelLoader: node("nodes.py:28", file("model_name", 0, "diffusion_models")),
});
