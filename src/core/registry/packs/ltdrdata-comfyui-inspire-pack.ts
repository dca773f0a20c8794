// ltdrdata/ComfyUI-Inspire-Pack @ 1aef2c57 (2025-09-08): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("ltdrdata/ComfyUI-Inspire-Pack", "1aef2c57", {
  "CheckpointLoaderSimpleShared //Inspire": node("inspire/backend_support.py:350", file("ckpt_name", 0, "checkpoints")),
  "LoadDiffusionModelShared //Inspire": node("inspire/backend_support.py:413", file("model_name", 0, "diffusion_models")),
  "LoadTextEncoderShared //Inspire": node(
    "inspire/backend_support.py:468",
    file("model_name1", 0, "text_encoders"),
    file("model_name2", 1, "text_encoders"),
    file("model_name3", 2, "text_encoders"),
  ),
  "StableCascade_CheckpointLoader //Inspire": node("inspire/backend_support.py:605", file("stage_b", 0, "checkpoints"), file("stage_c", 2, "checkpoints")),
  "LoraLoaderBlockWeight //Inspire": node("inspire/lora_block_weight.py:131", file("lora_name", 1, "loras")),
  "MakeLBW //Inspire": node("inspire/lora_block_weight.py:68", file("lora_name", 1, "loras")),
  "XY Input: Lora Block Weight //Inspire": node("inspire/lora_block_weight.py:711", file("lora_name", 1, "loras")),
  "LoraBlockInfo //Inspire": node("inspire/lora_block_weight.py:785", file("lora_name", 0, "loras")),
  "LoadLBW //Inspire": node("inspire/lora_block_weight.py:995", file("lbw_model", 0, "lbw_models")),
  "MakeBasicPipe //Inspire": node("inspire/prompt_support.py:650", { parsesLoraText: true }, file("ckpt_name", 0, "checkpoints")),
  "WildcardEncode //Inspire": node("inspire/prompt_support.py:619", { parsesLoraText: true }),
});
