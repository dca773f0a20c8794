// vuongminh1907/ComfyUI_ZenID @ 21b90a97 (2025-03-27): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("vuongminh1907/ComfyUI_ZenID", "21b90a97", {
  ApplyZenID: node("ZenID.py:268", file("instantid_file", 0, "instantid")),
  ZenIDCombineFace: node("ZenID.py:520", file("instantid_file", 0, "instantid")),
});
