// IamCreateAI/Ruyi-Models @ 6c7b5972 (2025-01-20): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("IamCreateAI/Ruyi-Models", "6c7b5972", {
  Ruyi_LoadModel: node("comfyui/comfyui_nodes.py:34"),
  Ruyi_LoadLora: node("comfyui/comfyui_nodes.py:224", file("lora_name", 0, "loras")),
});
