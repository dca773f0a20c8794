// jiaxiangc/ComfyUI-ResAdapter @ 0567e8a0 (2024-04-06): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, node, pack } from "../spec";

export default pack("jiaxiangc/ComfyUI-ResAdapter", "0567e8a0", {
  ResAdapterLoader: node("resadapter_loraloader.py:18", directory("resadapter_name", 0, "custom_nodes/ComfyUI-ResAdapter/models")),
});
