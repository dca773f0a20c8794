// kijai/ComfyUI-Florence2 @ 00b63382 (2025-08-09): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, node, pack } from "../spec";

export default pack("kijai/ComfyUI-Florence2", "00b63382", {
  Florence2ModelLoader: node("nodes.py:208", directory("model", 0, "LLM")),
  DownloadAndLoadFlorence2Model: node("nodes.py:74"),
});
