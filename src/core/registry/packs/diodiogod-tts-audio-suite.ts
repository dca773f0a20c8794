// diodiogod/TTS-Audio-Suite @ d1bfe54f (2026-07-21): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, file, node, pack } from "../spec";
import { LOCAL_PREFIX } from "../values";

export default pack("diodiogod/TTS-Audio-Suite", "d1bfe54f", {
  IndexTTSEngineNode: node("nodes/engines/index_tts_engine_node.py:65", directory("model_path", 0, "TTS/IndexTTS", { values: LOCAL_PREFIX })),
  CosyVoiceEngineNode: node("nodes/engines/cosyvoice_engine_node.py:63", directory("model_path", 0, "TTS/CosyVoice", { values: LOCAL_PREFIX })),
  StepAudioEditXEngineNode: node("nodes/engines/step_audio_editx_engine_node.py:56"),
  LoadRVCModelNode: node(
    "nodes/models/load_rvc_model_node.py:50",
    file("model", 0, "TTS/RVC", { values: [{ match: /^local:(.+)$/, folder: "TTS/RVC", name: "$1" }] }),
    file("index_file", 2, "TTS/RVC/.index"),
  ),
  RVCEngineNode: node("nodes/engines/rvc_engine_node.py:78"),
});
