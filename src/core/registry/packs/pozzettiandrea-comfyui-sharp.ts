// PozzettiAndrea/ComfyUI-Sharp @ 4600f45e (2026-01-18): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("PozzettiAndrea/ComfyUI-Sharp", "4600f45e", {
  LoadSharpModel: node("nodes/load_model.py:28", file("checkpoint_path", 1, "sharp")),
});
