// kijai/ComfyUI-PyramidFlowWrapper @ 426e3653 (2024-11-15): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-PyramidFlowWrapper", "426e3653", {
  PyramidFlowTransformerLoader: node("nodes.py:124", file("model", 0, "diffusion_models")),
  PyramidFlowVAELoader: node("nodes.py:73", file("vae", 0, "vae")),
});
