// 1038lab/ComfyUI-JoyCaption @ a0e9f0a1 (2025-12-24): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("1038lab/ComfyUI-JoyCaption", "a0e9f0a1", {
  JC: node("JC.py:262"),
  JC_adv: node("JC.py:344"),
  JC_GGUF: node("JC_GGUF.py:206"),
  JC_GGUF_adv: node("JC_GGUF.py:293"),
});
