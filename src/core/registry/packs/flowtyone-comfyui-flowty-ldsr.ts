// flowtyone/ComfyUI-Flowty-LDSR @ f9501ecc (2024-02-15): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("flowtyone/ComfyUI-Flowty-LDSR", "f9501ecc", {
  LDSRUpscaler: node("__init__.py:82", file("model", 0, "upscale_models")),
  LDSRModelLoader: node("__init__.py:13", file("model", 0, "upscale_models")),
});
