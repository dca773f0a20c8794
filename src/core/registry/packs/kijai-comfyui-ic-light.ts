// kijai/ComfyUI-IC-Light @ 22811d90 (2025-05-30): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-IC-Light", "22811d90", {
  LoadAndApplyICLightUnet: node("nodes.py:16", file("model_path", 0, "diffusion_models")),
});
