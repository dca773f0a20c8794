// badjeff/comfyui_lora_tag_loader @ c1e1a061 (2024-02-12): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("badjeff/comfyui_lora_tag_loader", "c1e1a061", {
  LoraTagLoader: node("nodes.py:15", { parsesLoraText: true }),
});
