// numz/ComfyUI-SeedVR2_VideoUpscaler @ 4490bd1f (2025-12-24): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("numz/ComfyUI-SeedVR2_VideoUpscaler", "4490bd1f", {
  SeedVR2LoadDiTModel: node("src/interfaces/dit_model_loader.py:28", file("model", 0, "SEEDVR2")),
  SeedVR2LoadVAEModel: node("src/interfaces/vae_model_loader.py:29", file("model", 0, "SEEDVR2")),
});
