// ZHO-ZHO-ZHO/ComfyUI-PhotoMaker-ZHO @ 4fb78a66 (2024-04-18): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("ZHO-ZHO-ZHO/ComfyUI-PhotoMaker-ZHO", "4fb78a66", {
  BaseModel_Loader_local: node("PhotoMakerNode.py:59", file("ckpt_name", 0, "checkpoints")),
  LoRALoader: node("PhotoMakerNode.py:167", file("lora_name", 0, "loras")),
  BaseModel_Loader_fromhub: node("PhotoMakerNode.py:31"),
  PhotoMakerAdapter_Loader_fromhub: node("PhotoMakerNode.py:95"),
  PhotoMakerAdapter_Loader_local: node("PhotoMakerNode.py:133"),
});
