// MinusZoneAI/ComfyUI-Kolors-MZ @ 43ec2701 (2025-03-31): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("MinusZoneAI/ComfyUI-Kolors-MZ", "43ec2701", {
  MZ_ChatGLM3Loader: node("__init__.py:25", file("chatglm3_checkpoint", 0, "LLM")),
  MZ_KolorsCheckpointLoaderSimple: node("__init__.py:147", file("ckpt_name", 0, "checkpoints")),
  MZ_KolorsControlNetLoader: node("__init__.py:168", file("control_net_name", 0, "controlnet")),
  MZ_KolorsUNETLoaderV2: node("__init__.py:193", file("unet_name", 0, "diffusion_models")),
  MZ_KolorsCLIPVisionLoader: node("__init__.py:245", file("clip_name", 0, "clip_vision")),
  MZ_IPAdapterModelLoaderKolors: node("ComfyUI_IPAdapter_plus/IPAdapterPlus.py:650", file("ipadapter_file", 0, "ipadapter")),
  MZ_KolorsUNETLoader: node("mz_kolors_legacy.py:175", file("unet_name", 0, "diffusion_models")),
});
