// 1038lab/ComfyUI-QwenVL @ 88d47a8e (2026-08-20): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { node, pack } from "../spec";

export default pack("1038lab/ComfyUI-QwenVL", "88d47a8e", {
  AILab_QwenVL: node("AILab_QwenVL.py:876"),
  AILab_QwenVL_Advanced: node("AILab_QwenVL.py:909"),
  AILab_QwenVL_PromptEnhancer: node("AILab_QwenVL_PromptEnhancer.py:74"),
  AILab_QwenVL_GGUF: node("AILab_QwenVL_GGUF.py:590"),
  AILab_QwenVL_GGUF_Advanced: node("AILab_QwenVL_GGUF.py:655"),
  AILab_QwenVL_GGUF_PromptEnhancer: node("AILab_QwenVL_GGUF_PromptEnhancer.py:150"),
  AILab_HuggingFaceDownloader: node("AILab_HuggingFace_Downloader.py:8"),
});
