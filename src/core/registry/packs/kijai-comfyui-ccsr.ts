// kijai/ComfyUI-CCSR @ 5fb3cecf (2024-06-28): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-CCSR", "5fb3cecf", {
  CCSR_Model_Select: node("nodes.py:158", file("ckpt_name", 0, "checkpoints")),
  DownloadAndLoadCCSRModel: node("nodes.py:190", file("model", 0, "CCSR")),
});
