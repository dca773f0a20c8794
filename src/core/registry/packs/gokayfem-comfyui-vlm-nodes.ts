// gokayfem/ComfyUI_VLM_nodes @ 3f961277 (2026-08-01): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("gokayfem/ComfyUI_VLM_nodes", "3f961277", {
  "LLava Loader Simple": node("nodes/llavaloader.py:93", file("ckpt_name", 0, "LLavacheckpoints")),
  LlavaClipLoader: node("nodes/llavaloader.py:162", file("clip_name", 0, "LLavacheckpoints")),
  LLavaOptionalMemoryFreeSimple: node("nodes/llavaloader.py:350", file("ckpt_name", 0, "LLavacheckpoints"), file("clip_name", 1, "LLavacheckpoints")),
  LLavaOptionalMemoryFreeAdvanced: node("nodes/llavaloader.py:446", file("ckpt_name", 0, "LLavacheckpoints"), file("clip_name", 1, "LLavacheckpoints")),
  LLMLoader: node("nodes/suggest.py:161", file("ckpt_name", 0, "LLavacheckpoints")),
  LLMOptionalMemoryFreeSimple: node("nodes/suggest.py:753", file("ckpt_name", 0, "LLavacheckpoints")),
  LLMOptionalMemoryFreeAdvanced: node("nodes/suggest.py:847", file("ckpt_name", 0, "LLavacheckpoints")),
});
