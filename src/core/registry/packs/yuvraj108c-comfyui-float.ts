// yuvraj108c/ComfyUI-FLOAT @ 3dfeadcc (2026-06-05): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("yuvraj108c/ComfyUI-FLOAT", "3dfeadcc", {
  LoadFloatModels: node("nodes.py:13", file("model", 0, "float")),
});
