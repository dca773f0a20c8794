// visualbruno/ComfyUI-Hunyuan3d-2-1 @ 9d7ef325 (2025-08-11): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("visualbruno/ComfyUI-Hunyuan3d-2-1", "9d7ef325", {
  Hy3DMeshGenerator: node("nodes.py:256", file("model", 0, "diffusion_models")),
  Hy3D21VAELoader: node("nodes.py:573", file("model_name", 0, "vae")),
  Hy3D21MeshGenerationBatch: node("nodes.py:1188", file("vae_model_name", 2, "vae"), file("dit_model_name", 3, "diffusion_models")),
  Hy3D21GenerateMultiViewsBatch: node("nodes.py:1371", file("upscale_model_name", 12, "upscale_models")),
});
