// Node types older workflows still carry, whose packs dropped them (or were read outside the packs' research).
import { file, node, pack } from "./spec";

export const LEGACY_NODES = pack("(legacy node types)", "-", {
  // Lightricks/ComfyUI-LTXVideo loader_node.py (removed in 95a63bb, 2025-03-05): ckpt_name at 0.
  LTXVLoader: node("Lightricks/ComfyUI-LTXVideo loader_node.py", file("ckpt_name", 0, "checkpoints")),
  // asagi4/comfyui-prompt-control before b24d93b7: a prompt node that applied <lora:…> tags.
  PromptControlSimple: node("asagi4/comfyui-prompt-control prompt_control/node_other.py", { parsesLoraText: true }),
  // g0kuvonlange/ComfyUI-Load-From-URL load_lora_url_node.py INPUT_TYPES: url (STRING) first. The pack caches the file in
  // input/url_loras; ComfyFixer files it with the LoRAs, where a plain LoraLoader finds it too.
  "Load LoRA From URL": node("g0kuvonlange/ComfyUI-Load-From-URL load_lora_url_node.py", file("url", 0, "loras", { fromUrl: true })),
});
