// yuvraj108c/ComfyUI-Video-Depth-Anything @ 1d6161b4 (2025-01-26): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("yuvraj108c/ComfyUI-Video-Depth-Anything", "1d6161b4", {
  LoadVideoDepthAnythingModel: node("node.py:69", file("model", 0, "videodepthanything")),
});
