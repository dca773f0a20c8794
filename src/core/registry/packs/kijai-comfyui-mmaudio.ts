// kijai/ComfyUI-MMAudio @ 8eaeb72e (2026-02-01): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("kijai/ComfyUI-MMAudio", "8eaeb72e", {
  MMAudioModelLoader: node("nodes.py:103", file("mmaudio_model", 0, "mmaudio")),
  MMAudioVoCoderLoader: node("nodes.py:179", file("vocoder_model", 0, "mmaudio")),
  MMAudioFeatureUtilsLoader: node("nodes.py:199", file("vae_model", 0, "mmaudio"), file("synchformer_model", 1, "mmaudio"), file("clip_model", 2, "mmaudio")),
});
