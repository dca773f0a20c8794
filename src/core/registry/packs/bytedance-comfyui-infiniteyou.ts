// bytedance/ComfyUI_InfiniteYou @ 1c979397 (2025-07-24): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("bytedance/ComfyUI_InfiniteYou", "1c979397", {
  IDEmbeddingModelLoader: node("nodes.py:55", file("image_proj_model_name", 0, "infinite_you")),
  InfuseNetLoader: node("nodes.py:215", file("controlnet_name", 0, "infinite_you")),
});
