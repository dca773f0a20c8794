// shiimizu/ComfyUI-PhotoMaker-Plus @ 459f5c00 (2024-12-01): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("shiimizu/ComfyUI-PhotoMaker-Plus", "459f5c00", {
  PhotoMakerLoaderPlus: node("photomaker.py:31", file("photomaker_model_name", 0, "photomaker")),
});
