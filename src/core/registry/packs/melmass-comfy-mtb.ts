// melMass/comfy_mtb @ eabe43db (2025-09-07): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, file, node, pack } from "../spec";

export default pack("melMass/comfy_mtb", "eabe43db", {
  "Load Face Swap Model (mtb)": node("nodes/faceswap.py:66", file("faceswap_model", 0, "insightface")),
  "Load Face Enhance Model (mtb)": node("nodes/faceenhance.py:65", file("model_name", 0, "face_restore")),
  "Load Face Analysis Model (mtb)": node("nodes/faceswap.py:26", directory("faceswap_model", 0, "insightface")),
  "Load Film Model (mtb)": node("nodes/image_interpolation.py:29"),
});
