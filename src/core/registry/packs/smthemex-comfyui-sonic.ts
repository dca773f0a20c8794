// smthemex/ComfyUI_Sonic @ 85562349 (2025-09-27): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("smthemex/ComfyUI_Sonic", "85562349", {
  SONICTLoader: node("sonic_node.py:45", file("sonic_unet", 0, "sonic")),
});
