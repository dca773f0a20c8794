// visualbruno/ComfyUI-Trellis2 @ ded89500 (2026-01-07): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("visualbruno/ComfyUI-Trellis2", "ded89500", {
  Trellis2LoadModel: node("nodes.py:187"),
});
