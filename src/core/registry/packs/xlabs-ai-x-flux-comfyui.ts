// XLabs-AI/x-flux-comfyui @ 00328556 (2024-10-30): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("XLabs-AI/x-flux-comfyui", "00328556", {
  FluxLoraLoader: node("nodes.py:94", file("lora_name", 0, "xlabs/loras")),
  LoadFluxControlNet: node("nodes.py:214", file("controlnet_path", 1, "xlabs/controlnets")),
  LoadFluxIPAdapter: node("nodes.py:493", file("ipadatper", 0, "xlabs/ipadapters"), file("clip_vision", 1, "clip_vision")),
});
