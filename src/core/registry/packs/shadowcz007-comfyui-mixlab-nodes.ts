// shadowcz007/comfyui-mixlab-nodes @ b2bb1876 (2025-02-05): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("shadowcz007/comfyui-mixlab-nodes", "b2bb1876", {
  RembgNode_Mix: node("nodes/RembgNode.py:667"),
  EmbeddingPrompt: node("nodes/PromptNode.py:546", file("embedding", 0, "embeddings")),
  CkptNames_: node("nodes/Utils.py:982"),
  LoraNames_: node("nodes/Utils.py:1011"),
});
