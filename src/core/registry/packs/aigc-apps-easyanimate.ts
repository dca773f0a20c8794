// aigc-apps/EasyAnimate @ c2a70d17 (2025-03-06): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, file, node, pack } from "../spec";

export default pack("aigc-apps/EasyAnimate", "c2a70d17", {
  LoadEasyAnimateModel: node("comfyui/comfyui_nodes.py:88", directory("model", 0, "EasyAnimate")),
  LoadEasyAnimateLora: node("comfyui/comfyui_nodes.py:339", file("lora_name", 0, "loras")),
});
