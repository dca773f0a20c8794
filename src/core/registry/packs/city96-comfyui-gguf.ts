// city96/ComfyUI-GGUF @ 795e4515 (2025-12-18): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("city96/ComfyUI-GGUF", "795e4515", {
  UnetLoaderGGUF: node("nodes.py:140", file("unet_name", 0, "diffusion_models")),
  UnetLoaderGGUFAdvanced: node("nodes.py:185", file("unet_name", 0, "diffusion_models")),
  CLIPLoaderGGUF: node("nodes.py:199", file("clip_name", 0, "text_encoders")),
  DualCLIPLoaderGGUF: node("nodes.py:253", file("clip_name1", 0, "text_encoders"), file("clip_name2", 1, "text_encoders")),
  TripleCLIPLoaderGGUF: node(
    "nodes.py:274",
    file("clip_name1", 0, "text_encoders"),
    file("clip_name2", 1, "text_encoders"),
    file("clip_name3", 2, "text_encoders"),
  ),
  QuadrupleCLIPLoaderGGUF: node(
    "nodes.py:296",
    file("clip_name1", 0, "text_encoders"),
    file("clip_name2", 1, "text_encoders"),
    file("clip_name3", 2, "text_encoders"),
    file("clip_name4", 3, "text_encoders"),
  ),
});
