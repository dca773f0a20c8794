// comfyanonymous/ComfyUI_TensorRT @ 5bcc3f1e (2024-10-09): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("comfyanonymous/ComfyUI_TensorRT", "5bcc3f1e", {
  TensorRTLoader: node("tensorrt_loader.py:115", file("unet_name", 0, "tensorrt")),
});
