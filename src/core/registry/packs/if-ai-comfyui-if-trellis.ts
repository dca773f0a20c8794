// if-ai/ComfyUI-IF_Trellis @ 51bdfc6f (2025-03-09): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("if-ai/ComfyUI-IF_Trellis", "51bdfc6f", {
  IF_TrellisCheckpointLoader: node("IF_TrellisCheckpointLoader.py:35"),
});
