// Gourieff/ComfyUI-ReActor @ 6ad6b35a (2026-05-13): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";
import { REACTOR_SWAP_MODELS } from "../values";

export default pack("Gourieff/ComfyUI-ReActor", "6ad6b35a", {
  ReActorFaceSwap: node(
    "nodes.py:152",
    file("swap_model", 1, "insightface", { values: REACTOR_SWAP_MODELS }),
    file("face_restore_model", 3, "facerestore_models"),
  ),
  ReActorFaceSwapOpt: node(
    "nodes.py:530",
    file("swap_model", 1, "insightface", { values: REACTOR_SWAP_MODELS }),
    file("face_restore_model", 3, "facerestore_models"),
  ),
  ReActorRestoreFace: node("nodes.py:903", file("model", 1, "facerestore_models")),
  ReActorRestoreFaceAdvanced: node("nodes.py:927", file("model", 1, "facerestore_models")),
  ReActorFaceBoost: node("nodes.py:1632", file("boost_model", 1, "facerestore_models")),
  ReActorLoadFaceModel: node("nodes.py:595", file("face_model", 0, "reactor/faces")),
  ReActorMaskHelper: node("nodes.py:1201", file("bbox_model_name", 0, "ultralytics"), file("sam_model_name", 5, "sams")),
});
