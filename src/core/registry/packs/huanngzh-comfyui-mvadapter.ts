// huanngzh/ComfyUI-MVAdapter @ 9d6d8afe (2025-06-26): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("huanngzh/ComfyUI-MVAdapter", "9d6d8afe", {
  LdmPipelineLoader: node("nodes.py:73", file("ckpt_name", 0, "checkpoints")),
  LdmVaeLoader: node("nodes.py:145", file("vae_name", 0, "vae")),
  CustomLoraModelLoader: node("nodes.py:217", file("lora_name", 0, "loras")),
  DiffusersMVPipelineLoader: node("nodes.py:33"),
  DiffusersMVModelMakeup: node("nodes.py:339"),
  BiRefNet: node("nodes.py:581"),
});
