// lihaoyun6/ComfyUI-FlashVSR_Ultra_Fast @ 9bd91d0c (2025-11-01): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("lihaoyun6/ComfyUI-FlashVSR_Ultra_Fast", "9bd91d0c", {
  FlashVSRInitPipe: node("nodes.py:330", file("alt_vae", 1, "vae")),
});
