// yuvraj108c/ComfyUI-Whisper @ 74aa5a21 (2026-01-02): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("yuvraj108c/ComfyUI-Whisper", "74aa5a21", {
  "Apply Whisper": node("apply_whisper.py:83", file("model", 0, "stt/whisper")),
});
