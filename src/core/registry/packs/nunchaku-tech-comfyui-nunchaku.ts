// nunchaku-tech/ComfyUI-nunchaku @ dbfd1942 (2025-11-08): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { directory, file, node, numbered, pack } from "../spec";

export default pack("nunchaku-tech/ComfyUI-nunchaku", "dbfd1942", {
  NunchakuFluxDiTLoader: node("nodes/models/flux.py:99", file("model_path", 0, "diffusion_models")),
  NunchakuFluxLoraLoader: node("nodes/lora/flux.py:63", file("lora_name", 0, "loras")),
  NunchakuFluxLoraStack: node("nodes/lora/flux.py:192", { rows: [numbered({ name: "lora_name_{n}", folder: "loras", first: 0, stride: 2 })] }),
  NunchakuQwenImageDiTLoader: node("nodes/models/qwenimage.py:133", file("model_name", 0, "diffusion_models")),
  NunchakuTextEncoderLoaderV2: node("nodes/models/text_encoder.py:62", file("text_encoder1", 1, "text_encoders"), file("text_encoder2", 2, "text_encoders")),
  NunchakuTextEncoderLoader: node(
    "nodes/models/text_encoder.py:455",
    file("text_encoder1", 1, "text_encoders"),
    file("text_encoder2", 2, "text_encoders"),
    directory("int4_model", 5, "text_encoders"),
  ),
  NunchakuPuLIDLoaderV2: node("nodes/models/pulid.py:182", file("pulid_file", 0, "pulid"), file("eva_clip_file", 1, "text_encoders")),
  NunchakuDepthPreprocessor: node("nodes/preprocessors/depth.py:56"),
});
