// flowtyone/ComfyUI-Flowty-TripoSR @ a0c94ac6 (2024-03-06): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("flowtyone/ComfyUI-Flowty-TripoSR", "a0c94ac6", {
  TripoSRModelLoader: node("__init__.py:25", file("model", 0, "checkpoints")),
});
