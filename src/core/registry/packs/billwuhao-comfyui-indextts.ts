// billwuhao/ComfyUI_IndexTTS @ e88d5946 (2025-11-07): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("billwuhao/ComfyUI_IndexTTS", "e88d5946", {
  IndexTTSRun: node("indexttsnode.py:1420"),
});
