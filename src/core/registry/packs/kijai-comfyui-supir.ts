// kijai/ComfyUI-SUPIR @ 0613a923 (2026-02-04): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-SUPIR", "0613a923", {
  SUPIR_Upscale: node("nodes.py:80", file("supir_model", 0, "checkpoints"), file("sdxl_model", 1, "checkpoints")),
  SUPIR_model_loader: node("nodes_v2.py:663", file("supir_model", 0, "checkpoints"), file("sdxl_model", 1, "checkpoints")),
  SUPIR_model_loader_v2: node("nodes_v2.py:819", file("supir_model", 0, "checkpoints")),
  SUPIR_model_loader_v2_clip: node("nodes_v2.py:1004", file("supir_model", 0, "checkpoints")),
});
