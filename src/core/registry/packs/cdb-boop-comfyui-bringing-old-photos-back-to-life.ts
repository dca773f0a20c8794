// cdb-boop/ComfyUI-Bringing-Old-Photos-Back-to-Life @ 059ecf33 (2024-09-12): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("cdb-boop/ComfyUI-Bringing-Old-Photos-Back-to-Life", "059ecf33", {
  BOPBTL_LoadScratchMaskModel: node("nodes.py:62", file("scratch_model", 0, "checkpoints")),
  BOPBTL_LoadRestoreOldPhotosModel: node("nodes.py:156", file("mapping_net", 3, "checkpoints"), file("vae_b", 4, "vae"), file("vae_a", 5, "vae")),
  BOPBTL_LoadFaceEnhancerModel: node("nodes.py:419", file("face_enhance_model", 1, "checkpoints")),
});
