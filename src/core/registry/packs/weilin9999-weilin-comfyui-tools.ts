// weilin9999/WeiLin-Comfyui-Tools @ efd92379 (2026-06-27): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("weilin9999/WeiLin-Comfyui-Tools", "efd92379", {
  WeiLinPromptUI: node("__init__.py:222"),
  WeiLinPromptUIOnlyLoraStack: node("__init__.py:553"),
});
