// 2kpr/ComfyUI-UltraPixel @ 3551c925 (2024-07-19): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("2kpr/ComfyUI-UltraPixel", "3551c925", {
  UltraPixelLoad: node(
    "nodes.py:63",
    file("ultrapixel", 0, "ultrapixel"),
    file("stage_a", 1, "ultrapixel"),
    file("stage_b", 2, "ultrapixel"),
    file("stage_c", 3, "ultrapixel"),
    file("effnet", 4, "ultrapixel"),
    file("previewer", 5, "ultrapixel"),
    file("controlnet", 6, "ultrapixel"),
  ),
});
