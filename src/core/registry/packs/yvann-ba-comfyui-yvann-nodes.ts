// yvann-ba/ComfyUI_Yvann-Nodes @ b96238a9 (2026-02-21): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("yvann-ba/ComfyUI_Yvann-Nodes", "b96238a9", {
  "Load Audio Separation Model": node("nodes/audio/LoadAudioSeparationModel.py:16"),
});
