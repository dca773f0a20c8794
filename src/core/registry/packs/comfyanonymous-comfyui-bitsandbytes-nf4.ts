// comfyanonymous/ComfyUI_bitsandbytes_NF4 @ 6c65152b (2024-08-15): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("comfyanonymous/ComfyUI_bitsandbytes_NF4", "6c65152b", {
  CheckpointLoaderNF4: node("__init__.py:169", file("ckpt_name", 0, "checkpoints")),
});
