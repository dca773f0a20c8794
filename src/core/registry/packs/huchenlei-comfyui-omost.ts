// huchenlei/ComfyUI_omost @ 7ef00dd9 (2024-06-26): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("huchenlei/ComfyUI_omost", "7ef00dd9", {
  OmostLLMLoaderNode: node("omost_nodes.py:84"),
});
