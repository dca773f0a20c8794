// cubiq/ComfyUI_IPAdapter_plus @ 9d076a3d (2025-02-26): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("cubiq/ComfyUI_IPAdapter_plus", "9d076a3d", {
  IPAdapterModelLoader: node("IPAdapterPlus.py:675", file("ipadapter_file", 0, "ipadapter")),
});
