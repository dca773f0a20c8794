// cubiq/ComfyUI_InstantID @ 1ef34ef5 (2024-09-30): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("cubiq/ComfyUI_InstantID", "1ef34ef5", {
  InstantIDModelLoader: node("InstantID.py:141", file("instantid_file", 0, "instantid")),
});
