// storyicon/comfyui_segment_anything @ ab639559 (2024-03-21): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("storyicon/comfyui_segment_anything", "ab639559", {
  "SAMModelLoader (segment anything)": node("node.py:261"),
  "GroundingDinoModelLoader (segment anything)": node("node.py:278"),
});
