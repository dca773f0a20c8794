// lldacing/ComfyUI_BiRefNet_ll @ 5443a2aa (2025-06-02): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("lldacing/ComfyUI_BiRefNet_ll", "5443a2aa", {
  LoadRembgByBiRefNetModel: node("birefnetNode.py:148", file("model", 0, "BiRefNet")),
  AutoDownloadBiRefNetModel: node(
    "birefnetNode.py:109",
    file("model_name", 0, "BiRefNet", { values: [{ match: /^([^./\\]+)$/, folder: "BiRefNet", name: "$1.safetensors" }] }),
  ),
});
