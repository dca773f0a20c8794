// kijai/ComfyUI-LBMWrapper @ 6bda0e7c (2025-05-14): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-LBMWrapper", "6bda0e7c", {
  LoadLBMModel: node("nodes.py:19", file("model", 0, "diffusion_models")),
});
