// wuwukaka/ComfyUI-WanAnimatePlus @ 7ae61415 (2026-05-30): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("wuwukaka/ComfyUI-WanAnimatePlus", "7ae61415", {
  "WanAnimatePlus ModelLoader": node("nodes_model_loading.py:1079", file("model", 0, "diffusion_models")),
  "WanAnimatePlus VAELoader": node("nodes_model_loading.py:1879", file("model_name", 0, "vae")),
  "WanAnimatePlus TextEncodeCached": node("nodes.py:198", file("model_name", 0, "text_encoders")),
  "WanAnimatePlus LoraSelectMulti": node(
    "nodes_model_loading.py:504",
    file("lora_0", 0, "loras"),
    file("lora_1", 2, "loras"),
    file("lora_2", 4, "loras"),
    file("lora_3", 6, "loras"),
    file("lora_4", 8, "loras"),
  ),
  "WanAnimatePlus Uni3C ControlnetLoader": node("uni3c/nodes.py:16", file("model", 0, "controlnet")),
});
