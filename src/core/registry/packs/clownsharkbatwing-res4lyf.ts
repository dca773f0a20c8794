// ClownsharkBatwing/RES4LYF @ 022c873c (2026-07-17): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("ClownsharkBatwing/RES4LYF", "022c873c", {
  FluxLoader: node(
    "loaders.py:226",
    file("model_name", 0, "checkpoints", { alsoIn: ["diffusion_models"] }),
    file("clip_name1", 2, "text_encoders"),
    file("clip_name2_opt", 3, "text_encoders"),
    file("vae_name", 4, "vae"),
    file("clip_vision_name", 5, "clip_vision"),
    file("style_model_name", 6, "style_models"),
  ),
  SD35Loader: node(
    "loaders.py:279",
    file("model_name", 0, "checkpoints", { alsoIn: ["diffusion_models"] }),
    file("clip_name1", 2, "text_encoders"),
    file("clip_name2_opt", 3, "text_encoders"),
    file("clip_name3_opt", 4, "text_encoders"),
    file("vae_name", 5, "vae"),
  ),
  ClownModelLoader: node(
    "loaders.py:326",
    file("model_name", 0, "checkpoints", { alsoIn: ["diffusion_models"] }),
    file("clip_name1_opt", 2, "text_encoders"),
    file("clip_name2_opt", 3, "text_encoders"),
    file("clip_name3_opt", 4, "text_encoders"),
    file("clip_name4_opt", 5, "text_encoders"),
    file("vae_name", 7, "vae"),
  ),
});
