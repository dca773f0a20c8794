// AbdullahAlfaraj/Comfy-Photoshop-SD @ 40ffbc19 (2023-12-12): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("AbdullahAlfaraj/Comfy-Photoshop-SD", "40ffbc19", {
  LoadLorasFromPrompt: node("api_nodes.py:197", { parsesLoraText: true }),
  ControlnetUnit: node("api_nodes.py:668", file("control_net_name", 1, "controlnet")),
  ControlNetScript: node(
    "api_nodes.py:779",
    file("control_net_name_1", 2, "controlnet"),
    file("control_net_name_2", 11, "controlnet"),
    file("control_net_name_3", 20, "controlnet"),
  ),
});
