// Fannovel16/comfyui_controlnet_aux @ e8b689a5 (2026-04-13): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";
import { AUX_CKPTS, DEPTH_ANYTHING_V2, DWPOSE_BBOX, DWPOSE_POSE } from "../values";

export default pack("Fannovel16/comfyui_controlnet_aux", "e8b689a5", {
  DWPreprocessor: node(
    "node_wrappers/dwpose.py:38",
    file("bbox_detector", 4, AUX_CKPTS, { values: DWPOSE_BBOX }),
    file("pose_estimator", 5, AUX_CKPTS, { values: DWPOSE_POSE }),
  ),
  AnimalPosePreprocessor: node(
    "node_wrappers/dwpose.py:102",
    file("bbox_detector", 0, AUX_CKPTS, { values: DWPOSE_BBOX }),
    file("pose_estimator", 1, AUX_CKPTS, { values: DWPOSE_POSE }),
  ),
  DepthAnythingV2Preprocessor: node("node_wrappers/depth_anything_v2.py:8", file("ckpt_name", 0, AUX_CKPTS, { values: DEPTH_ANYTHING_V2 })),
  DepthAnythingPreprocessor: node("node_wrappers/depth_anything.py:8"),
  DensePosePreprocessor: node(
    "node_wrappers/densepose.py:8",
    file("model", 0, "custom_nodes/comfyui_controlnet_aux/ckpts/LayerNorm/DensePose-TorchScript-with-hint-image"),
  ),
  Unimatch_OptFlowPreprocessor: node("node_wrappers/unimatch.py:14", file("ckpt_name", 0, "custom_nodes/comfyui_controlnet_aux/ckpts/hr16/Unimatch")),
});
