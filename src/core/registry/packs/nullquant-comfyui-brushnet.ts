// nullquant/ComfyUI-BrushNet @ 505d8ef9 (2025-03-31): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("nullquant/ComfyUI-BrushNet", "505d8ef9", {
  BrushNetLoader: node("brushnet_nodes.py:35", file("brushnet", 0, "inpaint")),
  PowerPaintCLIPLoader: node("brushnet_nodes.py:121", file("base", 0, "text_encoders"), file("powerpaint", 1, "inpaint")),
});
