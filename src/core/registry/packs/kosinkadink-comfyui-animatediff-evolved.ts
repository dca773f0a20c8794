// Kosinkadink/ComfyUI-AnimateDiff-Evolved @ d8d163cd (2026-03-29): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("Kosinkadink/ComfyUI-AnimateDiff-Evolved", "d8d163cd", {
  ADE_AnimateDiffLoaderGen1: node("animatediff/nodes_gen1.py:22", file("model_name", 0, "animatediff_models")),
  ADE_LoadAnimateDiffModel: node("animatediff/nodes_gen2.py:183", file("model_name", 0, "animatediff_models")),
  ADE_LoadAnimateLCMI2VModel: node("animatediff/nodes_animatelcmi2v.py:73", file("model_name", 0, "animatediff_models")),
  ADE_InjectI2VIntoAnimateDiffModel: node("animatediff/nodes_animatelcmi2v.py:103", file("model_name", 0, "animatediff_models")),
  ADE_InjectPIAIntoAnimateDiffModel: node("animatediff/nodes_pia.py:168", file("model_name", 0, "animatediff_models")),
  AnimateDiffLoaderV1: node("animatediff/nodes_deprecated.py:33", file("model_name", 0, "animatediff_models")),
  ADE_AnimateDiffLoaderV1Advanced: node("animatediff/nodes_deprecated.py:89", file("model_name", 0, "animatediff_models")),
  ADE_AnimateDiffLoaderWithContext: node("animatediff/nodes_deprecated.py:162", file("model_name", 0, "animatediff_models")),
  ADE_LoadAnimateDiffModelWithCameraCtrl: node(
    "animatediff/nodes_cameractrl.py:270",
    file("model_name", 0, "animatediff_models"),
    file("camera_ctrl", 1, "animatediff_models"),
  ),
  ADE_AnimateDiffLoRALoader: node("animatediff/nodes_lora.py:17", file("name", 0, "animatediff_motion_lora")),
  CheckpointLoaderSimpleWithNoiseSelect: node("animatediff/nodes_extras.py:44", file("ckpt_name", 0, "checkpoints")),
  ADE_RegisterLoraHook: node("animatediff/nodes_conditioning.py:500", file("lora_name", 0, "loras")),
  ADE_RegisterLoraHookModelOnly: node("animatediff/nodes_conditioning.py:543", file("lora_name", 0, "loras")),
  ADE_RegisterModelAsLoraHook: node("animatediff/nodes_conditioning.py:569", file("ckpt_name", 0, "checkpoints")),
  ADE_RegisterModelAsLoraHookModelOnly: node("animatediff/nodes_conditioning.py:594", file("ckpt_name", 0, "checkpoints")),
});
