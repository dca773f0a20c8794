// TencentQQGYLab/ComfyUI-ELLA @ d5a60fbd (2024-08-16): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, file, node, pack } from "../spec";

export default pack("TencentQQGYLab/ComfyUI-ELLA", "d5a60fbd", {
  ELLALoader: node("ella.py:325", file("name", 0, "ella")),
  "T5TextEncoderLoader #ELLA": node("ella.py:346", directory("name", 0, "ella_encoder")),
});
