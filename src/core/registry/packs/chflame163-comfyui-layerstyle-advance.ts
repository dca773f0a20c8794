// chflame163/ComfyUI_LayerStyle_Advance @ 7b678b40 (2026-04-08): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("chflame163/ComfyUI_LayerStyle_Advance", "7b678b40", {
  "LayerMask: LoadBiRefNetModel": node("py/birefnet_ultra_v2.py:38", file("model", 0, "BiRefNet/pth")),
  "LayerMask: TransparentBackgroundUltra": node("py/transparent_background_ultra.py:28", file("model", 0, "transparent-background")),
});
