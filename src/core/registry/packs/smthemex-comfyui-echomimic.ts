// smthemex/ComfyUI_EchoMimic @ 3a36b00f (2026-02-28): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("smthemex/ComfyUI_EchoMimic", "3a36b00f", {
  Echo_LoadModel: node("EchoMimic_node.py:87", file("vae", 0, "vae"), file("lora", 1, "loras")),
});
