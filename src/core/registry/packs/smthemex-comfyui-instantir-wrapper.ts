// smthemex/ComfyUI_InstantIR_Wrapper @ 1f3da904 (2025-03-12): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("smthemex/ComfyUI_InstantIR_Wrapper", "1f3da904", {
  InstantIR_Loader: node(
    "InstantIR_node.py:44",
    file("sdxl_checkpoints", 0, "checkpoints"),
    file("adapter_checkpoints", 2, "InstantIR"),
    file("aggregator_checkpoints", 3, "InstantIR"),
    file("lora", 4, "loras"),
    file("InstantIR_lora", 5, "InstantIR"),
  ),
});
