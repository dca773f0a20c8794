// sipherxyz/comfyui-art-venture @ 51ed4a0b (2025-12-31): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";
import { VAE_LOADER_VALUES } from "../values";

export default pack("sipherxyz/comfyui-art-venture", "51ed4a0b", {
  AV_CheckpointModelsToParametersPipe: node(
    "modules/nodes.py:201",
    file("ckpt_name", 0, "checkpoints"),
    file("secondary_ckpt_name", 1, "checkpoints"),
    file("vae_name", 2, "vae"),
    file("upscaler_name", 3, "upscale_models"),
    file("secondary_upscaler_name", 4, "upscale_models"),
    file("lora_1_name", 5, "loras"),
    file("lora_2_name", 6, "loras"),
    file("lora_3_name", 7, "loras"),
  ),
  AV_ControlNetLoader: node("modules/controlnet/__init__.py:60", file("control_net_name", 0, "controlnet")),
  AV_ControlNetEfficientLoader: node("modules/controlnet/__init__.py:218", file("control_net_name", 0, "controlnet")),
  AV_ControlNetEfficientLoaderAdvanced: node("modules/controlnet/__init__.py:270", file("control_net_name", 0, "controlnet")),
  AV_ControlNetEfficientStacker: node("modules/controlnet/__init__.py:118", file("control_net_name", 0, "controlnet")),
  AV_ControlNetEfficientStackerSimple: node("modules/controlnet/__init__.py:184", file("control_net_name", 0, "controlnet")),
  AV_VAELoader: node("modules/nodes.py:68", file("vae_name", 0, "vae", { values: VAE_LOADER_VALUES })),
  AV_LoraLoader: node("modules/nodes.py:87", file("lora_name", 0, "loras")),
  AV_CheckpointLoader: node("modules/fooocus/efficient.py:79", file("ckpt_name", 0, "checkpoints"), file("vae_name", 1, "vae"), file("lora_name", 3, "loras")),
  AV_IPAdapter: node("modules/ip_adapter_nodes.py:72", file("ip_adapter_name", 0, "ipadapter"), file("clip_name", 1, "clip_vision")),
  AV_IPAdapterPipe: node("modules/ip_adapter_nodes.py:46", file("ip_adapter_name", 0, "ipadapter"), file("clip_name", 1, "clip_vision")),
  AV_SAMLoader: node("modules/inpaint/sam/nodes.py:29", file("model_name", 0, "sams")),
  LoadLaMaModel: node("modules/inpaint/lama/__init__.py:52", file("model_name", 0, "lama")),
  BLIPLoader: node("modules/interrogate/blip_node.py:119", file("model_name", 0, "blip")),
  ISNetLoader: node("modules/isnet/segmenter.py:149", file("model_name", 0, "isnet")),
  CheckpointNameSelector: node("modules/utility_nodes.py:1191", file("ckpt_name", 0, "checkpoints")),
  DependenciesEdit: node("modules/utility_nodes.py:755", file("ckpt_name", 0, "checkpoints"), file("vae_name", 1, "vae")),
});
