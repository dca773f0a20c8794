// frankchieng/ComfyUI_MagicClothing @ 5fbdab0a (2024-09-04): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("frankchieng/ComfyUI_MagicClothing", "5fbdab0a", {
  MagicClothing_Generate: node("nodes.py:160", file("model_path", 1, "magic_cloth_checkpoint")),
  MagicClothing_Animatediff: node("nodes.py:110", file("model_path", 1, "magic_cloth_checkpoint")),
  MagicClothing_Inpainting: node("nodes.py:49", file("model_path", 0, "magic_cloth_checkpoint")),
});
