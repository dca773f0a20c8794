// BennyKok/comfyui-deploy @ 98c1aca6 (2025-11-12): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("BennyKok/comfyui-deploy", "98c1aca6", {
  ComfyUIDeployExternalCheckpoint: node("comfy-nodes/external_checkpoints.py:16", file("default_value", 1, "checkpoints")),
  ComfyUIDeployExternalLora: node("comfy-nodes/external_lora.py:14", file("default_lora_name", 1, "loras")),
  ComfyUIDeployExternalFaceModel: node("comfy-nodes/external_face_model.py:17", file("default_face_model_name", 1, "reactor/faces")),
});
