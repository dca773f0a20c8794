// giriss/comfy-image-saver @ c6223965 (2026-07-17): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("giriss/comfy-image-saver", "c6223965", {
  "Checkpoint Selector": node("nodes.py:135", file("ckpt_name", 0, "checkpoints")),
  "Save Image w/Metadata": node("nodes.py:175", file("modelname", 5, "checkpoints")),
});
