// chenpipi0807/ComfyUI-Index-TTS @ 11b36ef7 (2025-05-18): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("chenpipi0807/ComfyUI-Index-TTS", "11b36ef7", {
  IndexTTSNode: node("nodes.py:27"),
});
