// jags111/efficiency-nodes-comfyui @ 4579b7d6 (2026-03-31): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, numbered, pack } from "../spec";

export default pack("jags111/efficiency-nodes-comfyui", "4579b7d6", {
  "Efficient Loader": node("efficiency_nodes.py:108", file("ckpt_name", 0, "checkpoints"), file("vae_name", 1, "vae"), file("lora_name", 3, "loras")),
  "Eff. Loader SDXL": node(
    "efficiency_nodes.py:220",
    file("base_ckpt_name", 0, "checkpoints"),
    file("refiner_ckpt_name", 2, "checkpoints"),
    file("vae_name", 6, "vae"),
  ),
  "LoRA Stacker": node("efficiency_nodes.py:314", {
    rows: [numbered({ name: "lora_name_{n}", folder: "loras", first: 2, stride: 4, count: { name: "lora_count", position: 1 } })],
  }),
  "HighRes-Fix Script": node(
    "efficiency_nodes.py:4089",
    file("hires_ckpt_name", 1, "checkpoints"),
    file("pixel_upscaler", 3, "upscale_models"),
    file("control_net_name", 12, "controlnet"),
  ),
  "Tiled Upscaler Script": node("efficiency_nodes.py:4224", file("tile_controlnet", 8, "controlnet")),
  "XY Input: Checkpoint": node("efficiency_nodes.py:2854", {
    rows: [
      numbered({ name: "ckpt_name_{n}", folder: "checkpoints", first: 7, stride: 3, count: { name: "ckpt_count", position: 6 } }),
      numbered({ name: "vae_name_{n}", folder: "vae", first: 9, stride: 3, count: { name: "ckpt_count", position: 6 } }),
    ],
  }),
  "XY Input: VAE": node("efficiency_nodes.py:2667", {
    rows: [numbered({ name: "vae_name_{n}", folder: "vae", first: 6, stride: 1, count: { name: "vae_count", position: 5 } })],
  }),
  "XY Input: LoRA": node("efficiency_nodes.py:2983", {
    rows: [numbered({ name: "lora_name_{n}", folder: "loras", first: 8, stride: 3, count: { name: "lora_count", position: 5 } })],
  }),
  "XY Input: LoRA Plot": node("efficiency_nodes.py:3048", file("lora_name", 1, "loras")),
  "AnimateDiff Script": node("efficiency_nodes.py:4321", file("motion_model", 0, "animatediff_models")),
});
