// PowerHouseMan/ComfyUI-AdvancedLivePortrait @ 3bba7329 (2024-08-21): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("PowerHouseMan/ComfyUI-AdvancedLivePortrait", "3bba7329", {
  LoadExpData: node("nodes.py:556"),
});
