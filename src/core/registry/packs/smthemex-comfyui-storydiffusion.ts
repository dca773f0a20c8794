// smthemex/ComfyUI_StoryDiffusion @ e4e0acdf (2025-09-02): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("smthemex/ComfyUI_StoryDiffusion", "e4e0acdf", {
  EasyFunction_Lite: node(
    "Storydiffusion_node.py:50",
    file("unet", 2, "diffusion_models"),
    file("gguf", 3, "gguf"),
    file("clip1", 4, "text_encoders"),
    file("clip2", 5, "text_encoders"),
    file("clip_vision1", 6, "clip_vision"),
    file("clip_vision2", 7, "clip_vision"),
    file("lora1", 8, "loras"),
    file("lora2", 9, "loras"),
    file("controlnet", 10, "controlnet"),
  ),
  StoryDiffusion_Apply: node("Storydiffusion_node.py:122", file("photomake_ckpt", 1, "photomaker"), file("ipadapter_ckpt", 2, "photomaker")),
});
