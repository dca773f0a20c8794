// cubiq/ComfyUI_essentials @ 33ff89fd (2024-12-07): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("cubiq/ComfyUI_essentials", "33ff89fd", {
  "ImageApplyLUT+": node("image.py:951", file("lut_file", 0, "luts")),
  "LorasForFluxParams+": node("sampling.py:268", file("lora_1", 0, "loras")),
});
