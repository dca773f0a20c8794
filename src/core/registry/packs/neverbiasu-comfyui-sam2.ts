// neverbiasu/ComfyUI-SAM2 @ e75eabcc (2026-03-29): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("neverbiasu/ComfyUI-SAM2", "e75eabcc", {
  "SAM2ModelLoader (segment anything2)": node("node.py:270"),
  "GroundingDinoModelLoader (segment anything2)": node("node.py:288"),
});
