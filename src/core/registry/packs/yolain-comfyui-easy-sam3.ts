// yolain/ComfyUI-Easy-Sam3 @ 88fe578a (2025-12-23): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("yolain/ComfyUI-Easy-Sam3", "88fe578a", {
  "easy sam3ModelLoader": node("nodes.py:40", file("model", 0, "sam3")),
});
