// yuvraj108c/ComfyUI_InvSR @ 98e52dd0 (2025-07-06): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("yuvraj108c/ComfyUI_InvSR", "98e52dd0", {
  LoadInvSRModels: node("node.py:46", file("invsr_model", 1, "invsr")),
});
