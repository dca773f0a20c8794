// wildminder/ComfyUI-VibeVoice @ d04665d0 (2025-09-10): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("wildminder/ComfyUI-VibeVoice", "d04665d0", {
  VibeVoiceTTS: node("vibevoice_nodes.py:18"),
});
