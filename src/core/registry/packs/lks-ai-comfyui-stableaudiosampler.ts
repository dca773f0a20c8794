// lks-ai/ComfyUI-StableAudioSampler @ 1fa0c115 (2025-01-07): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("lks-ai/ComfyUI-StableAudioSampler", "1fa0c115", {
  StableAudioLoadModel: node("nodes.py:479", file("model_filename", 0, "audio_checkpoints"), file("model_config", 1, "audio_checkpoints")),
});
