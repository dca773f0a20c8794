// PozzettiAndrea/ComfyUI-DepthAnythingV3 @ 79b51a17 (2026-05-04): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("PozzettiAndrea/ComfyUI-DepthAnythingV3", "79b51a17", {
  DownloadAndLoadDepthAnythingV3Model: node("nodes/load_model.py:557", file("model", 0, "depthanything3")),
  DA3_DownloadModel: node("nodes/load_model.py:692", file("model", 0, "depthanything3")),
});
