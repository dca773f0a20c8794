// WASasquatch/was-node-suite-comfyui @ ea935d10 (2025-06-02): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, file, node, pack } from "../spec";

export default pack("WASasquatch/was-node-suite-comfyui", "ea935d10", {
  "Checkpoint Loader": node("WAS_Node_Suite.py:13764", file("config_name", 0, "configs"), file("ckpt_name", 1, "checkpoints")),
  "Checkpoint Loader (Simple)": node("WAS_Node_Suite.py:13809", file("ckpt_name", 0, "checkpoints")),
  "unCLIP Checkpoint Loader": node("WAS_Node_Suite.py:13851", file("ckpt_name", 0, "checkpoints")),
  "Lora Loader": node("WAS_Node_Suite.py:13902", file("lora_name", 0, "loras")),
  "Load Lora": node("WAS_Node_Suite.py:13902", file("lora_name", 0, "loras")),
  "Upscale Model Loader": node("WAS_Node_Suite.py:13936", file("model_name", 0, "upscale_models")),
  "Diffusers Model Loader": node("WAS_Node_Suite.py:13829", directory("model_path", 0, "diffusers")),
});
