// Acly/comfyui-inpaint-nodes @ b32f293d (2026-05-03): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("Acly/comfyui-inpaint-nodes", "b32f293d", {
  INPAINT_LoadFooocusInpaint: node("nodes.py:129", file("head", 0, "inpaint"), file("patch", 1, "inpaint")),
  INPAINT_LoadInpaintModel: node("nodes.py:352", file("model_name", 0, "inpaint")),
});
