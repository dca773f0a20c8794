// raindrop313/ComfyUI-WanVideoStartEndFrames @ 340b4f07 (2025-03-22): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("raindrop313/ComfyUI-WanVideoStartEndFrames", "340b4f07", {
  WanVideoSEModelLoader: node("nodes.py:143", file("model", 0, "diffusion_models")),
  WanVideoSEVAELoader: node("nodes.py:443", file("model_name", 0, "vae")),
});
