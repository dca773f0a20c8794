// ubisoft/ComfyUI-Chord @ 270ac939 (2026-04-27): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("ubisoft/ComfyUI-Chord", "270ac939", {
  ChordLoadModel: node("nodes.py:34", file("ckpt_name", 0, "checkpoints")),
});
