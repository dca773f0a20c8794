// pythongosssss/ComfyUI-WD14-Tagger @ 9e0a6e70 (2025-07-11): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("pythongosssss/ComfyUI-WD14-Tagger", "9e0a6e70", {
  "WD14Tagger|pysssss": node("wd14tagger.py:172"),
});
