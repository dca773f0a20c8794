// 9nate-drake/Comfyui-SecNodes @ af39e626 (2025-10-18): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("9nate-drake/Comfyui-SecNodes", "af39e626", {
  SeCModelLoader: node("nodes.py:178", file("model_file", 0, "sams", { values: [{ match: /\(sharded\)$/, folder: null }] })),
});
