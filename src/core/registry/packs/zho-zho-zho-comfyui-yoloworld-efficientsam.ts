// ZHO-ZHO-ZHO/ComfyUI-YoloWorld-EfficientSAM @ dcb78653 (2024-04-18): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("ZHO-ZHO-ZHO/ComfyUI-YoloWorld-EfficientSAM", "dcb78653", {
  Yoloworld_ModelLoader_Zho: node("YOLO_WORLD_EfficientSAM.py:57"),
});
