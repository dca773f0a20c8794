// 1038lab/ComfyUI-RMBG @ 58f1947a (2026-08-22): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("1038lab/ComfyUI-RMBG", "58f1947a", {
  AILab_YoloV8Adv: node("py/AILab_YoloV8.py:46", file("yolo_model", 0, "ultralytics")),
  AILab_YoloV8: node("py/AILab_YoloV8.py:247", file("yolo_model", 0, "ultralytics")),
});
