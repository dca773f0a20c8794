// ltdrdata/ComfyUI-Impact-Subpack @ 5b4e5505 (2025-07-03): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("ltdrdata/ComfyUI-Impact-Subpack", "5b4e5505", {
  UltralyticsDetectorProvider: node("modules/subpack_nodes.py:22", file("model_name", 0, "ultralytics")),
});
