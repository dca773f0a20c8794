// mav-rik/facerestore_cf @ ff4d7a5c (2025-06-21): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("mav-rik/facerestore_cf", "ff4d7a5c", {
  FaceRestoreModelLoader: node("__init__.py:263", file("model_name", 0, "facerestore_models")),
});
