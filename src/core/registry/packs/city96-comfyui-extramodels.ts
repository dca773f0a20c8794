// city96/ComfyUI_ExtraModels @ 92f556ed (2024-12-17): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, file, node, pack } from "../spec";

export default pack("city96/ComfyUI_ExtraModels", "92f556ed", {
  T5v11Loader: node("T5/nodes.py:44", file("t5v11_name", 0, "t5")),
  HYDiTTextEncoderLoader: node("HunYuanDiT/nodes.py:53", file("clip_name", 0, "text_encoders"), file("mt5_name", 1, "t5")),
  HYDiTCheckpointLoader: node("HunYuanDiT/nodes.py:13", file("ckpt_name", 0, "checkpoints")),
  PixArtCheckpointLoader: node("PixArt/nodes.py:16", file("ckpt_name", 0, "checkpoints")),
  PixArtCheckpointLoaderSimple: node("PixArt/nodes.py:40", file("ckpt_name", 0, "checkpoints")),
  PixArtLoraLoader: node("PixArt/nodes.py:79", file("lora_name", 0, "loras")),
  DitCheckpointLoader: node("DiT/nodes.py:14", file("ckpt_name", 0, "checkpoints")),
  SanaCheckpointLoader: node("Sana/nodes.py:20", file("ckpt_name", 0, "checkpoints")),
  ExtraVAELoader: node("VAE/nodes.py:24", file("vae_name", 0, "vae")),
  MiaoBiCLIPLoader: node("MiaoBi/nodes.py:13", file("clip_name", 0, "text_encoders")),
  MiaoBiDiffusersLoader: node("MiaoBi/nodes.py:47", directory("model_path", 0, "diffusers")),
  GemmaLoader: node("Gemma/nodes.py:36"),
});
