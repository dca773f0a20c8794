// pythongosssss/ComfyUI-Custom-Scripts @ 609f3afa (2026-02-12): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("pythongosssss/ComfyUI-Custom-Scripts", "609f3afa", {
  "LoraLoader|pysssss": node("py/better_combos.py:138", file("lora_name", 0, "loras")),
  "CheckpointLoader|pysssss": node("py/better_combos.py:154", file("ckpt_name", 0, "checkpoints")),
});
