// Lightricks/ComfyUI-LTXVideo @ aceeae96 (2026-06-30): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("Lightricks/ComfyUI-LTXVideo", "aceeae96", {
  LowVRAMCheckpointLoader: node("low_vram_loaders.py:31", file("ckpt_name", 0, "checkpoints")),
  LowVRAMAudioVAELoader: node("low_vram_loaders.py:65", file("ckpt_name", 0, "checkpoints")),
  LowVRAMLatentUpscaleModelLoader: node("low_vram_loaders.py:110", file("model_name", 0, "latent_upscale_models")),
  LTXVGemmaCLIPModelLoader: node("gemma_encoder.py:222", file("gemma_path", 0, "text_encoders"), file("ltxv_path", 1, "checkpoints")),
  GemmaAPITextEncode: node("gemma_api_conditioning.py:88", file("ckpt_name", 3, "checkpoints")),
  LTXICLoRALoaderModelOnly: node("iclora.py:481", file("lora_name", 0, "loras")),
  LTXVQ8LoraModelLoader: node("q8_nodes.py:156", file("lora_name", 0, "loras")),
  LTXVLoadConditioning: node("conditioning_loader.py:25"),
});
