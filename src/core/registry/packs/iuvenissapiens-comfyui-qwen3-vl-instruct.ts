// IuvenisSapiens/ComfyUI_Qwen3-VL-Instruct @ 6263dc98 (2025-10-17): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("IuvenisSapiens/ComfyUI_Qwen3-VL-Instruct", "6263dc98", {
  Qwen3_VQA: node("nodes.py:27"),
});
