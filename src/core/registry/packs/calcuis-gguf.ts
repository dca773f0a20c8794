// calcuis/gguf @ 452dfed2 (2026-08-13): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";
import { VAE_LOADER_VALUES } from "../values";

export default pack("calcuis/gguf", "452dfed2", {
  LoaderGGUF: node("pig.py:547", file("gguf_name", 0, "diffusion_models")),
  LoaderGGUFAdvanced: node("pig.py:592", file("gguf_name", 0, "diffusion_models")),
  ClipLoaderGGUF: node("pig.py:610", file("clip_name", 0, "text_encoders")),
  DualClipLoaderGGUF: node("pig.py:651", file("clip_name1", 0, "text_encoders"), file("clip_name2", 1, "text_encoders")),
  TripleClipLoaderGGUF: node(
    "pig.py:669",
    file("clip_name1", 0, "text_encoders"),
    file("clip_name2", 1, "text_encoders"),
    file("clip_name3", 2, "text_encoders"),
  ),
  QuadrupleClipLoaderGGUF: node(
    "pig.py:682",
    file("clip_name1", 0, "text_encoders"),
    file("clip_name2", 1, "text_encoders"),
    file("clip_name3", 2, "text_encoders"),
    file("clip_name4", 3, "text_encoders"),
  ),
  AudioEncoderLoaderGGUF: node("pig.py:1116", file("audio_encoder_name", 0, "audio_encoders")),
  VaeGGUF: node("pig.py:1091", file("vae_name", 0, "vae", { values: VAE_LOADER_VALUES })),
  GGUFSave: node("pig.py:829", file("select_safetensors", 0, "diffusion_models")),
  GGUFUndo: node("pig.py:1004", file("select_gguf", 0, "diffusion_models")),
});
