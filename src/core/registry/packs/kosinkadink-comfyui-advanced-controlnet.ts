// Kosinkadink/ComfyUI-Advanced-ControlNet @ 9e60d8a9 (2026-07-18): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("Kosinkadink/ComfyUI-Advanced-ControlNet", "9e60d8a9", {
  ACN_ControlNetLoaderAdvanced: node("adv_control/nodes_main.py:18", file("cnet", 0, "controlnet")),
  ACN_DiffControlNetLoaderAdvanced: node("adv_control/nodes_main.py:44", file("cnet", 0, "controlnet")),
  ACN_AnimaLLLiteLoaderAdvanced: node("adv_control/nodes_main.py:71", file("model_patch", 0, "model_patches")),
  ACN_SparseCtrlLoaderAdvanced: node("adv_control/nodes_sparsectrl.py:22", file("sparsectrl_name", 0, "controlnet")),
  ACN_SparseCtrlMergedLoaderAdvanced: node(
    "adv_control/nodes_sparsectrl.py:57",
    file("sparsectrl_name", 0, "controlnet"),
    file("control_net_name", 1, "controlnet"),
  ),
  "ACN_ControlNet++LoaderAdvanced": node("adv_control/nodes_plusplus.py:18", file("name", 0, "controlnet")),
  "ACN_ControlNet++LoaderSingle": node("adv_control/nodes_plusplus.py:43", file("name", 0, "controlnet")),
  ACN_CtrLoRALoader: node("adv_control/nodes_ctrlora.py:14", file("base", 0, "controlnet"), file("lora", 1, "controlnet")),
  ControlNetLoaderAdvanced: node("adv_control/nodes_deprecated.py:343", file("control_net_name", 0, "controlnet")),
  DiffControlNetLoaderAdvanced: node("adv_control/nodes_deprecated.py:373", file("control_net_name", 0, "controlnet")),
});
