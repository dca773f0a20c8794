// ZHO-ZHO-ZHO/ComfyUI-InstantID @ e3df9b0d (2024-04-18): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("ZHO-ZHO-ZHO/ComfyUI-InstantID", "e3df9b0d", {
  IDBaseModelLoader_local: node("InstantIDNode.py:135", file("ckpt_name", 0, "checkpoints")),
  IDBaseModelLoader_fromhub: node("InstantIDNode.py:106"),
  IDControlNetLoader: node("InstantIDNode.py:82"),
  Ipadapter_instantidLoader: node("InstantIDNode.py:173"),
});
