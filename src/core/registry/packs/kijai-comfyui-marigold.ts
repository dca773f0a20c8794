// kijai/ComfyUI-Marigold @ 2adfec75 (2025-05-16): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("kijai/ComfyUI-Marigold", "2adfec75", {
  MarigoldModelLoader: node("nodes_v2.py:16"),
});
