// kijai/ComfyUI-segment-anything-2 @ 059815ec (2024-10-03): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-segment-anything-2", "059815ec", {
  DownloadAndLoadSAM2Model: node("nodes.py:23", file("model", 0, "sam2")),
});
