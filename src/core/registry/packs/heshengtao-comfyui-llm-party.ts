// heshengtao/comfyui_LLM_party @ 4d279969 (2026-03-09): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, node, pack } from "../spec";

export default pack("heshengtao/comfyui_LLM_party", "4d279969", {
  easy_LLM_local_loader: node("llm.py:2141", directory("model_name_or_path", 0, "custom_nodes/comfyui_LLM_party/model/LLM")),
  LLM_local_loader: node("llm.py:2024"),
  easy_vlmLoader: node("custom_tool/llavaloader.py:302", directory("model_name_or_path", 0, "custom_nodes/comfyui_LLM_party/model/VLM")),
  vlmLoader: node("custom_tool/llavaloader.py:222"),
  easy_GGUFLoader: node("custom_tool/llavaloader.py:181"),
  easy_LLavaLoader: node("custom_tool/llavaloader.py:94"),
  GGUFLoader: node("custom_tool/llavaloader.py:140"),
  LLavaLoader: node("custom_tool/llavaloader.py:35"),
  easy_load_llm_lora: node("custom_tool/llm_lora.py:51", directory("lora_path", 1, "custom_nodes/comfyui_LLM_party/model/LORA")),
  load_llm_lora: node("custom_tool/llm_lora.py:19"),
  LorapathLoader: node("custom_tool/img_lora.py:13"),
  load_ebd: node("tools/load_ebd.py:121"),
  whisper_local: node("custom_tool/stt.py:11"),
});
