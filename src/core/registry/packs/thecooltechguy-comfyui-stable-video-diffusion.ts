// thecooltechguy/ComfyUI-Stable-Video-Diffusion @ 2b2891c8 (2023-11-24): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("thecooltechguy/ComfyUI-Stable-Video-Diffusion", "2b2891c8", {
  SVDModelLoader: node("nodes.py:16", file("checkpoint", 0, "svd")),
  SVDSimpleImg2Vid: node("nodes.py:248", file("checkpoint", 0, "svd")),
});
