// MrForExample/ComfyUI-3D-Pack @ 9e8096e5 (2025-11-17): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("MrForExample/ComfyUI-3D-Pack", "9e8096e5", {
  "[Comfy3D] Load Triplane Gaussian Transformers": node("nodes.py:1428", file("model_name", 0, "custom_nodes/ComfyUI-3D-Pack/Checkpoints/TriplaneGaussian")),
  "[Comfy3D] Load Large Multiview Gaussian Model": node("nodes.py:1792", file("model_name", 0, "custom_nodes/ComfyUI-3D-Pack/Checkpoints/LGM")),
  "[Comfy3D] Load TripoSR Model": node("nodes.py:1946", file("model_name", 0, "custom_nodes/ComfyUI-3D-Pack/Checkpoints/TripoSR")),
  "[Comfy3D] Load SF3D Model": node("nodes.py:2041", file("model_name", 0, "custom_nodes/ComfyUI-3D-Pack/Checkpoints/StableFast3D")),
  "[Comfy3D] Load CRM MVDiffusion Model": node("nodes.py:2163", file("model_name", 0, "custom_nodes/ComfyUI-3D-Pack/Checkpoints/CRM")),
  "[Comfy3D] Load Convolutional Reconstruction Model": node("nodes.py:2348", file("model_name", 0, "custom_nodes/ComfyUI-3D-Pack/Checkpoints/CRM")),
  "[Comfy3D] Load InstantMesh Reconstruction Model": node("nodes.py:2483", file("model_name", 0, "custom_nodes/ComfyUI-3D-Pack/Checkpoints/InstantMesh")),
  "[Comfy3D] Load Craftsman Shape Diffusion Model": node("nodes.py:3339", file("model_name", 0, "custom_nodes/ComfyUI-3D-Pack/Checkpoints/Craftsman")),
  "[Comfy3D] Load CRM T2I V2 Models": node("nodes.py:3488", file("crm_model_name", 0, "custom_nodes/ComfyUI-3D-Pack/Checkpoints/CRM")),
  "[Comfy3D] Load CRM T2I V3 Models": node(
    "nodes.py:3640",
    file("crm_model_name", 0, "custom_nodes/ComfyUI-3D-Pack/Checkpoints/CRM"),
    file("crm_t2i_v3_model_name", 1, "custom_nodes/ComfyUI-3D-Pack/Checkpoints/CRM_T2I_V3"),
  ),
  "[Comfy3D] Load Diffusers Pipeline": node("nodes.py:1513"),
  "[Comfy3D] Load MVAdapter Texture Pipeline": node("nodes.py:5057"),
});
