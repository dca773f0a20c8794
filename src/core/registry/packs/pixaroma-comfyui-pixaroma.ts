// pixaroma/ComfyUI-Pixaroma @ b8ae20e1 (2026-08-21): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("pixaroma/ComfyUI-Pixaroma", "b8ae20e1", {
  KreaLoraConvertPixaroma: node("nodes/node_krea_lora_convert.py:104", file("lora_name", 0, "loras")),
  PixaromaLoraLoader: node("nodes/node_lora_loader.py:40"),
});
