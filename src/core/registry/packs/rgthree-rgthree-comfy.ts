// rgthree/rgthree-comfy @ 13b4399c (2026-08-21): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("rgthree/rgthree-comfy", "13b4399c", {
  "Lora Loader Stack (rgthree)": node(
    "py/lora_stack.py:18",
    file("lora_01", 0, "loras"),
    file("lora_02", 2, "loras"),
    file("lora_03", 4, "loras"),
    file("lora_04", 6, "loras"),
  ),
  "Power Prompt (rgthree)": node("py/power_prompt.py:24", { parsesLoraText: true }),
  "SDXL Power Prompt - Positive (rgthree)": node("py/sdxl_power_prompt_postive.py:29", { parsesLoraText: true }),
  "Power Lora Loader (rgthree)": node("py/power_lora_loader.py:22", { rows: [{ kind: "powerLora", folder: "loras" }] }),
});
