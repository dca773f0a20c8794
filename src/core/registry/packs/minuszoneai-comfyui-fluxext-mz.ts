// MinusZoneAI/ComfyUI-FluxExt-MZ @ 00e4b70d (2024-08-17): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("MinusZoneAI/ComfyUI-FluxExt-MZ", "00e4b70d", {
  MZ_Flux1CheckpointLoaderNF4_cpuDynOffload: node("__init__.py:59", file("ckpt_name", 0, "checkpoints")),
  MZ_Flux1CheckpointLoader_cpuDynOffload: node("__init__.py:94", file("ckpt_name", 0, "checkpoints")),
  MZ_Flux1UnetLoader_cpuDynOffload: node("__init__.py:123", file("unet_name", 0, "diffusion_models")),
});
