// kijai/ComfyUI-KwaiKolorsWrapper @ 6fc1cd9d (2024-10-18): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-KwaiKolorsWrapper", "6fc1cd9d", {
  LoadChatGLM3: node("nodes.py:96", file("chatglm3_checkpoint", 0, "LLM")),
  DownloadAndLoadKolorsModel: node("nodes.py:38"),
});
