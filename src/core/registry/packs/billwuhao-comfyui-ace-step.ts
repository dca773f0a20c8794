// billwuhao/ComfyUI_ACE-Step @ d4c2dc10 (2025-05-28): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, node, pack } from "../spec";

export default pack("billwuhao/ComfyUI_ACE-Step", "d4c2dc10", {
  ACEModelLoader: node(
    "ace_step_nodes.py:189",
    directory("dcae_checkpoint", 0, "TTS/ACE-Step-v1-3.5B"),
    directory("vocoder_checkpoint", 1, "TTS/ACE-Step-v1-3.5B"),
    directory("ace_step_checkpoint", 2, "TTS/ACE-Step-v1-3.5B"),
    directory("text_encoder_checkpoint", 3, "TTS/ACE-Step-v1-3.5B"),
  ),
  ACELoRALoader: node("ace_step_nodes.py:324", directory("lora_name", 0, "TTS/ACE-Step-v1-3.5B/loras")),
});
