// smthemex/ComfyUI_DiffuEraser @ c8461876 (2026-03-27): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("smthemex/ComfyUI_DiffuEraser", "c8461876", {
  Propainter_Loader: node("diffueraser_node.py:31", file("propainter", 0, "DiffuEraser"), file("flow", 1, "DiffuEraser"), file("fix_raft", 2, "DiffuEraser")),
  DiffuEraser_Loader: node("diffueraser_node.py:59", file("vae", 0, "vae"), file("lora", 1, "loras")),
  DiffuEraser_PreData: node("diffueraser_node.py:85"),
});
