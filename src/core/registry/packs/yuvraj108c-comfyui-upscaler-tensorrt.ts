// yuvraj108c/ComfyUI-Upscaler-Tensorrt @ dfc26653 (2026-01-12): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("yuvraj108c/ComfyUI-Upscaler-Tensorrt", "dfc26653", {
  LoadUpscalerTensorrtModel: node("__init__.py:132", file("model", 0, "onnx")),
});
