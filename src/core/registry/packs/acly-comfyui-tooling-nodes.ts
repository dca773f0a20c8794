// Acly/comfyui-tooling-nodes @ 5d3194f4 (2026-06-28): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("Acly/comfyui-tooling-nodes", "5d3194f4", {
  ETN_control_load: node("control.py:678", file("weights", 0, "controlnet")),
});
