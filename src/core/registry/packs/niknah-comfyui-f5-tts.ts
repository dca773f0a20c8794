// niknah/ComfyUI-F5-TTS @ 4f091769 (2026-07-23): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";
import { F5_TTS_MODEL } from "../values";

export default pack("niknah/ComfyUI-F5-TTS", "4f091769", {
  F5TTSAudio: node("F5TTS.py:625", file("model", 4, "checkpoints/F5-TTS", { values: F5_TTS_MODEL })),
  F5TTSAudioInputs: node("F5TTS.py:527", file("model", 4, "checkpoints/F5-TTS", { values: F5_TTS_MODEL })),
  F5TTSAudioAdvanced: node("F5TTS.py:741", file("model", 4, "checkpoints/F5-TTS", { values: F5_TTS_MODEL })),
});
