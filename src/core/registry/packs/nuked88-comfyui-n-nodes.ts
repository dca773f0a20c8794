// Nuked88/ComfyUI-N-Nodes @ ae7cc848 (2024-08-15): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("Nuked88/ComfyUI-N-Nodes", "ae7cc848", {
  "GPT Loader Simple [n-suite]": node("py/gptcpp_node.py:357", file("ckpt_name", 0, "GPTcheckpoints")),
  "Llava Clip Loader [n-suite]": node("py/gptcpp_node.py:499", file("clip_name", 0, "GPTcheckpoints/llava/clips")),
});
