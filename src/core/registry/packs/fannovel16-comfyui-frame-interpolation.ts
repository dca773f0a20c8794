// Fannovel16/ComfyUI-Frame-Interpolation @ 26545cc2 (2026-03-29): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("Fannovel16/ComfyUI-Frame-Interpolation", "26545cc2", {
  "RIFE VFI": node("vfi_models/rife/__init__.py:40", file("ckpt_name", 0, "custom_nodes/ComfyUI-Frame-Interpolation/ckpts/rife")),
  "FILM VFI": node("vfi_models/film/__init__.py:49", file("ckpt_name", 0, "custom_nodes/ComfyUI-Frame-Interpolation/ckpts/film")),
  "IFRNet VFI": node("vfi_models/ifrnet/__init__.py:16", file("ckpt_name", 0, "custom_nodes/ComfyUI-Frame-Interpolation/ckpts/ifrnet")),
  "AMT VFI": node("vfi_models/amt/__init__.py:38", file("ckpt_name", 0, "custom_nodes/ComfyUI-Frame-Interpolation/ckpts/amt")),
  "STMFNet VFI": node("vfi_models/stmfnet/__init__.py:18", file("ckpt_name", 0, "custom_nodes/ComfyUI-Frame-Interpolation/ckpts/stmfnet")),
  "FLAVR VFI": node("vfi_models/flavr/__init__.py:33", file("ckpt_name", 0, "custom_nodes/ComfyUI-Frame-Interpolation/ckpts/flavr")),
  "CAIN VFI": node("vfi_models/cain/__init__.py:17", file("ckpt_name", 0, "custom_nodes/ComfyUI-Frame-Interpolation/ckpts/cain")),
  "IFUnet VFI": node("vfi_models/ifunet/__init__.py:16", file("ckpt_name", 0, "custom_nodes/ComfyUI-Frame-Interpolation/ckpts/ifunet")),
  "M2M VFI": node("vfi_models/m2m/__init__.py:19", file("ckpt_name", 0, "custom_nodes/ComfyUI-Frame-Interpolation/ckpts/m2m")),
  "Sepconv VFI": node("vfi_models/sepconv/__init__.py:18", file("ckpt_name", 0, "custom_nodes/ComfyUI-Frame-Interpolation/ckpts/sepconv")),
  "ATM VFI": node("vfi_models/atm/__init__.py:88", file("ckpt_name", 0, "custom_nodes/ComfyUI-Frame-Interpolation/ckpts/atm")),
  "MOMO VFI": node("vfi_models/momo/__init__.py:82", file("ckpt_name", 0, "custom_nodes/ComfyUI-Frame-Interpolation/ckpts/momo")),
  "GMFSS Fortuna VFI": node("vfi_models/gmfss_fortuna/__init__.py:84"),
});
