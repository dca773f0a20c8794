// balazik/ComfyUI-PuLID-Flux @ a80912fc (2024-10-03): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("balazik/ComfyUI-PuLID-Flux", "a80912fc", {
  PulidFluxModelLoader: node("pulidflux.py:165", file("pulid_file", 0, "pulid")),
});
