// idrirap/ComfyUI-Lora-Auto-Trigger-Words @ 52157dff (2025-01-16): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("idrirap/ComfyUI-Lora-Auto-Trigger-Words", "52157dff", {
  LoraLoaderVanilla: node("nodes_autotrigger.py:12", file("lora_name", 0, "loras")),
  LoraLoaderStackedVanilla: node("nodes_autotrigger.py:65", file("lora_name", 0, "loras")),
  LoraLoaderAdvanced: node("nodes_autotrigger.py:108", file("lora_name", 0, "loras")),
  LoraLoaderStackedAdvanced: node("nodes_autotrigger.py:176", file("lora_name", 0, "loras")),
  LoraTagsOnly: node("nodes_autotrigger.py:231", file("lora_name", 0, "loras")),
  LoraListNames: node("nodes_utils.py:125", file("lora_name", 0, "loras")),
});
