// alexopus/ComfyUI-Image-Saver @ 92305d2e (2026-06-07): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("alexopus/ComfyUI-Image-Saver", "92305d2e", {
  "Checkpoint Loader with Name (Image Saver)": node("nodes_loaders.py:18", file("ckpt_name", 0, "checkpoints")),
  "UNet loader with Name (Image Saver)": node("nodes_loaders.py:43", file("unet_name", 0, "diffusion_models")),
});
