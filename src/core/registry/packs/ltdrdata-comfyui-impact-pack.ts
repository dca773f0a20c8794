// ltdrdata/ComfyUI-Impact-Pack @ 727295b5 (2024-10-24): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("ltdrdata/ComfyUI-Impact-Pack", "727295b5", {
  SAMLoader: node("modules/impact/impact_pack.py:97", file("model_name", 0, "sams", { values: [{ match: /^ESAM$/, folder: null }] })),
  ONNXDetectorProvider: node("modules/impact/impact_pack.py:57", file("model_name", 0, "onnx")),
  MMDetDetectorProvider: node("modules/impact/mmdet_nodes.py:204", file("model_name", 0, "mmdets")),
  MMDetLoader: node("modules/impact/legacy_nodes.py:20", file("model_name", 0, "mmdets")),
  ImpactWildcardEncode: node("modules/impact/impact_pack.py:2184", { parsesLoraText: true }),
  ImpactWildcardProcessor: node(
    "modules/impact/impact_pack.py: wildcard text whose <lora:…> tags the detailer applies; 'Select to add LoRA' only inserts a tag",
    { parsesLoraText: true },
  ),
  ToDetailerPipe: node("modules/impact/impact_pack.py: wildcard text whose <lora:…> tags the detailer applies; 'Select to add LoRA' only inserts a tag", {
    parsesLoraText: true,
  }),
  ToDetailerPipeSDXL: node("modules/impact/impact_pack.py: wildcard text whose <lora:…> tags the detailer applies; 'Select to add LoRA' only inserts a tag", {
    parsesLoraText: true,
  }),
  BasicPipeToDetailerPipe: node(
    "modules/impact/impact_pack.py: wildcard text whose <lora:…> tags the detailer applies; 'Select to add LoRA' only inserts a tag",
    { parsesLoraText: true },
  ),
  BasicPipeToDetailerPipeSDXL: node(
    "modules/impact/impact_pack.py: wildcard text whose <lora:…> tags the detailer applies; 'Select to add LoRA' only inserts a tag",
    { parsesLoraText: true },
  ),
  EditDetailerPipe: node("modules/impact/impact_pack.py: wildcard text whose <lora:…> tags the detailer applies; 'Select to add LoRA' only inserts a tag", {
    parsesLoraText: true,
  }),
  EditDetailerPipeSDXL: node("modules/impact/impact_pack.py: wildcard text whose <lora:…> tags the detailer applies; 'Select to add LoRA' only inserts a tag", {
    parsesLoraText: true,
  }),
  FaceDetailer: node("modules/impact/impact_pack.py: wildcard text whose <lora:…> tags the detailer applies; 'Select to add LoRA' only inserts a tag", {
    parsesLoraText: true,
  }),
  FaceDetailerPipe: node("modules/impact/impact_pack.py: wildcard text whose <lora:…> tags the detailer applies; 'Select to add LoRA' only inserts a tag", {
    parsesLoraText: true,
  }),
});
