// kijai/ComfyUI-DepthAnythingV2 @ 55318787 (2026-03-06): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-DepthAnythingV2", "55318787", {
  DownloadAndLoadDepthAnythingV2Model: node("nodes.py:18", file("model", 0, "depthanything")),
});
