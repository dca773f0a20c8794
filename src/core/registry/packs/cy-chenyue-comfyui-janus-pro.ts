// CY-CHENYUE/ComfyUI-Janus-Pro @ 4400129e (2025-01-30): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, node, pack } from "../spec";

export default pack("CY-CHENYUE/ComfyUI-Janus-Pro", "4400129e", {
  JanusModelLoader: node("nodes/model_loader.py:8", directory("model_name", 0, "Janus-Pro", { values: [{ match: /^[^/]+\/(.+)$/, name: "$1" }] })),
});
