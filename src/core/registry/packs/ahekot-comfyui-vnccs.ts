// AHEKOT/ComfyUI_VNCCS @ 1f90536e (2026-06-29): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("AHEKOT/ComfyUI_VNCCS", "1f90536e", {
  VNCCS_Pipe: node("nodes/vnccs_pipe.py:70", file("lora_name", 6, "loras")),
  VNCCS_LoraBypass: node("nodes/vnccs_api.py:192", file("lora_name", 0, "loras")),
  VNCCS_LoraStack: node("nodes/vnccs_api.py:277"),
  VNCCS_RMBG2: node("nodes/vnccs_utils.py:1630"),
});
