// kijai/ComfyUI-MimicMotionWrapper @ 89d0ed55 (2025-01-12): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-MimicMotionWrapper", "89d0ed55", {
  DownloadAndLoadMimicMotionModel: node("nodes.py:61", file("model", 0, "mimicmotion")),
});
