// wildminder/ComfyUI-VoxCPM @ 9c637257 (2026-04-24): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("wildminder/ComfyUI-VoxCPM", "9c637257", {
  VoxCPM_TTS: node("nodes/tts_node.py:56", file("lora_name", 1, "loras")),
  VoxCPM_LoraTrainer: node("voxcpm_train_nodes.py:95"),
});
