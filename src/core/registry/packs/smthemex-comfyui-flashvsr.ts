// smthemex/ComfyUI_FlashVSR @ 1c1f7d36 (2025-10-18): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("smthemex/ComfyUI_FlashVSR", "1c1f7d36", {
  FlashVSR_SM_Model: node(
    "FlashVSR_node.py:33",
    file("dit", 0, "FlashVSR"),
    file("proj_pt", 1, "FlashVSR"),
    file("vae", 2, "vae"),
    file("tcd_encoder", 3, "FlashVSR"),
  ),
  FlashVSR_SM_KSampler: node("FlashVSR_node.py:66", file("emb_pt", 0, "FlashVSR")),
});
