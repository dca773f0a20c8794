// SuperBeastsAI/ComfyUI-SuperBeasts @ fa66271b (2026-06-14): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("SuperBeastsAI/ComfyUI-SuperBeasts", "fa66271b", {
  "SB Load Model (SuperBeasts.AI)": node("superbeastsai_nodes.py:327", file("model_key", 0, "custom_nodes/ComfyUI-SuperBeasts/models")),
});
