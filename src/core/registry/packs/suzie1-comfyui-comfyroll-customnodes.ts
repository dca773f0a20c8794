// Suzie1/ComfyUI_Comfyroll_CustomNodes @ d78b780a (2024-01-24): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, numbered, pack } from "../spec";

export default pack("Suzie1/ComfyUI_Comfyroll_CustomNodes", "d78b780a", {
  "CR Load LoRA": node("nodes/nodes_lora.py:34", file("lora_name", 1, "loras")),
  "CR LoRA Stack": node("nodes/nodes_lora.py:78", {
    rows: [numbered({ name: "lora_name_{n}", folder: "loras", first: 1, stride: 4, toggle: { name: "switch_{n}", on: "On", offset: -1 } })],
  }),
  "CR Multi-ControlNet Stack": node("nodes/nodes_controlnet.py:67", {
    rows: [numbered({ name: "controlnet_{n}", folder: "controlnet", first: 1, stride: 5, toggle: { name: "switch_{n}", on: "On", offset: -1 } })],
  }),
  "CR Select Model": node(
    "nodes/nodes_core.py:337",
    file("ckpt_name1", 0, "checkpoints"),
    file("ckpt_name2", 1, "checkpoints"),
    file("ckpt_name3", 2, "checkpoints"),
    file("ckpt_name4", 3, "checkpoints"),
    file("ckpt_name5", 4, "checkpoints"),
  ),
  "CR Upscale Image": node("nodes/nodes_upscale.py:29", file("upscale_model", 0, "upscale_models")),
  "CR Multi Upscale Stack": node("nodes/nodes_upscale.py:88", {
    rows: [numbered({ name: "upscale_model_{n}", folder: "upscale_models", first: 1, stride: 3, toggle: { name: "switch_{n}", on: "On", offset: -1 } })],
  }),
  "CR Model Merge Stack": node("nodes/nodes_model_merge.py:22", {
    rows: [numbered({ name: "ckpt_name{n}", folder: "checkpoints", first: 1, stride: 4, toggle: { name: "switch_{n}", on: "On", offset: -1 } })],
  }),
  "CR Random LoRA Stack": node("nodes/nodes_lora.py:263", {
    rows: [numbered({ name: "lora_name_{n}", folder: "loras", first: 3, stride: 5, toggle: { name: "switch_{n}", on: "On", offset: 1 } })],
  }),
  "CR Random Weight LoRA": node("nodes/nodes_lora.py:177", file("lora_name", 2, "loras")),
  "CR Model List": node("nodes/nodes_animation_lists.py:26", { rows: [numbered({ name: "ckpt_name{n}", folder: "checkpoints", first: 0, stride: 2 })] }),
  "CR LoRA List": node("nodes/nodes_animation_lists.py:98", { rows: [numbered({ name: "lora_name{n}", folder: "loras", first: 0, stride: 4 })] }),
  "CR Load Scheduled Models": node("nodes/nodes_animation_schedulers.py:356", file("default_model", 3, "checkpoints")),
  "CR Load Scheduled LoRAs": node("nodes/nodes_animation_schedulers.py:430", file("default_lora", 3, "loras")),
});
