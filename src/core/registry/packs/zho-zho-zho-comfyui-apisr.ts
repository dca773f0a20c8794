// ZHO-ZHO-ZHO/ComfyUI-APISR @ 603a7876 (2024-04-18): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("ZHO-ZHO-ZHO/ComfyUI-APISR", "603a7876", {
  APISR_ModelLoader_Zho: node("Apisr.py:26", file("apisr_model", 0, "apisr")),
});
