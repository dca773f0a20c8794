// EvilBT/ComfyUI_SLK_joy_caption_two @ a61f9a91 (2025-06-18): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("EvilBT/ComfyUI_SLK_joy_caption_two", "a61f9a91", {
  Joy_caption_two_load: node("joy_caption_two_node.py:250"),
});
