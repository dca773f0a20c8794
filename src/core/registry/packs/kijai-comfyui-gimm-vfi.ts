// kijai/ComfyUI-GIMM-VFI @ 4c9a3123 (2025-07-31): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-GIMM-VFI", "4c9a3123", {
  DownloadAndLoadGIMMVFIModel: node("nodes.py:34", file("model", 0, "interpolation/gimm-vfi")),
});
