// asagi4/comfyui-prompt-control @ b24d93b7 (2026-08-22): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("asagi4/comfyui-prompt-control", "b24d93b7", {
  PCLazyLoraLoader: node("prompt_control/nodes_lazy.py:171", { parsesLoraText: true }),
  PCLazyLoraLoaderAdvanced: node("prompt_control/nodes_lazy.py:140", { parsesLoraText: true }),
  PCLoraHooksFromText: node("prompt_control/nodes_hooks.py:18", { parsesLoraText: true }),
});
