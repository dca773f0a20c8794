// nosiu/comfyui-instantId-faceswap @ d125a2a5 (2025-03-03): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("nosiu/comfyui-instantId-faceswap", "d125a2a5", {
  LoadInstantIdAdapter: node("nodes.py:296", file("ipadapter", 0, "ipadapter")),
  InstantIdAndControlnetApply: node("nodes.py:438", file("ipadapter_path", 0, "ipadapter"), file("control_net_name", 1, "controlnet")),
});
