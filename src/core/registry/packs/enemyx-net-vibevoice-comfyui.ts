// Enemyx-net/VibeVoice-ComfyUI @ 9185f531 (2025-10-02): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, node, pack } from "../spec";

export default pack("Enemyx-net/VibeVoice-ComfyUI", "9185f531", {
  VibeVoiceSingleSpeakerNode: node("nodes/single_speaker_node.py:27"),
  VibeVoiceMultipleSpeakersNode: node("nodes/multi_speaker_node.py:27"),
  VibeVoiceLoRANode: node("nodes/lora_node.py:70", directory("lora_name", 0, "vibevoice/loras")),
});
