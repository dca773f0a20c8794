// kijai/ComfyUI-DynamiCrafterWrapper @ 7670b09c (2024-07-20): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-DynamiCrafterWrapper", "7670b09c", {
  DynamiCrafterModelLoader: node("nodes.py:365", file("ckpt_name", 0, "checkpoints")),
  DynamiCrafterCNLoader: node("nodes.py:215", file("ckpt_name", 0, "controlnet")),
  DownloadAndLoadDynamiCrafterModel: node("nodes.py:45", file("model", 0, "checkpoints/dynamicrafter")),
  DownloadAndLoadDynamiCrafterCNModel: node("nodes.py:150", file("model", 0, "checkpoints/dynamicrafter/controlnet")),
  DownloadAndLoadCLIPModel: node("nodes.py:271", file("model", 0, "text_encoders")),
  DownloadAndLoadCLIPVisionModel: node("nodes.py:317", file("model", 0, "clip_vision")),
});
