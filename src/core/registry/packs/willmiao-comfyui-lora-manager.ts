// willmiao/ComfyUI-Lora-Manager @ 25e72b43 (2026-08-22): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("willmiao/ComfyUI-Lora-Manager", "25e72b43", {
  "Checkpoint Loader (LoraManager)": node("py/nodes/checkpoint_loader.py:32", file("ckpt_name", 0, "checkpoints")),
  "Unet Loader (LoraManager)": node("py/nodes/unet_loader.py:47", file("unet_name", 0, "diffusion_models")),
  "Random Checkpoint Loader (LoraManager)": node("py/nodes/random_checkpoint_loader.py:31", file("ckpt_name", 0, "checkpoints")),
  "Random Unet Loader (LoraManager)": node("py/nodes/random_unet_loader.py:46", file("unet_name", 0, "diffusion_models")),
  "Lora Loader (LoraManager)": node("py/nodes/lora_loader.py:138", { rows: [{ kind: "loraManager", folder: "loras" }], parsesLoraText: true }),
  "Lora Stacker (LoraManager)": node("py/nodes/lora_stacker.py:17", { rows: [{ kind: "loraManager", folder: "loras" }], parsesLoraText: true }),
  "LoRA Text Loader (LoraManager)": node("py/nodes/lora_loader.py:184", { parsesLoraText: true }),
  "Create Hook LoRA (LoraManager)": node("py/nodes/create_hook_lora.py:32", { rows: [{ kind: "loraManager", folder: "loras" }], parsesLoraText: true }),
  "WanVideo Lora Select (LoraManager)": node("py/nodes/wanvideo_lora_select.py:30", { rows: [{ kind: "loraManager", folder: "loras" }], parsesLoraText: true }),
  "WanVideo Lora Select From Text (LoraManager)": node("py/nodes/wanvideo_lora_select_from_text.py:34", { parsesLoraText: true }),
  "Lora Randomizer (LoraManager)": node("py/nodes/lora_randomizer.py:28", { rows: [{ kind: "loraManager", folder: "loras" }], parsesLoraText: true }),
});
