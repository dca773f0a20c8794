// TTPlanetPig/Comfyui_TTP_Toolset @ c8889e40 (2026-07-07): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("TTPlanetPig/Comfyui_TTP_Toolset", "c8889e40", {
  TTP_QwenVL3_Local_Loader_Experimental: node("TTP_toolsets.py:3823", file("model_file", 0, "text_encoders")),
});
