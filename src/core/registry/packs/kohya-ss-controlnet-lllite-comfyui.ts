// kohya-ss/ControlNet-LLLite-ComfyUI @ 103a4457 (2023-09-18): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kohya-ss/ControlNet-LLLite-ComfyUI", "103a4457", {
  LLLiteLoader: node("node_control_net_lllite.py:254", file("model_name", 0, "custom_nodes/ControlNet-LLLite-ComfyUI/models")),
});
