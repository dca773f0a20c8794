// shenduldh/ComfyUI-Lightning @ d2f5cc2c (2025-03-13): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, file, node, pack } from "../spec";

export default pack("shenduldh/ComfyUI-Lightning", "d2f5cc2c", {
  SanaDiffusionLoader: node("sana/nodes.py:19", file("model_name", 0, "diffusion_models")),
  SanaVAELoader: node("sana/nodes.py:124", file("model_name", 0, "vae")),
  SanaCLIPLoader: node("sana/nodes.py:74", directory("model_name", 0, "text_encoders")),
  ApplySpargeAttn: node("spargeattn/nodes.py:17", file("tuned_hyperparams", 4, "checkpoints")),
});
