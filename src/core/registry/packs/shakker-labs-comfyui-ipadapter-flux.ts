// Shakker-Labs/ComfyUI-IPAdapter-Flux @ eef22b68 (2025-06-22): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, file, node, pack } from "../spec";

export default pack("Shakker-Labs/ComfyUI-IPAdapter-Flux", "eef22b68", {
  IPAdapterFluxLoader: node("ipadapter_flux.py:121", file("ipadapter", 0, "ipadapter-flux"), directory("clip_vision", 1, "clip_vision")),
  IPAdapterFluxLoaderAdvanced: node("ipadapter_flux_advanced.py:129", file("ipadapter", 0, "ipadapter-flux"), directory("clip_vision", 1, "clip_vision")),
});
