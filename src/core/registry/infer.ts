// Fallback for nodes the registry does not know: guess a model file's folder from names around it.

/** Keyword → folder, tried in order against the widget name, then the node type, then the file name. */
const FOLDER_HINTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/clip[_ -]?vision|image[_ -]?encoder/i, "clip_vision"],
  [/lora|lycoris|locon/i, "loras"],
  [/controlnet|control[_ -]net|\bcnet|control[_-]?lora/i, "controlnet"],
  [/ip[_ -]?adapter/i, "ipadapter"],
  [/upscale|esrgan|swinir|\b\d+x[_-]/i, "upscale_models"],
  [/vae/i, "vae"],
  [/unet|diffusion[_ -]?model|\bdit\b|gguf/i, "diffusion_models"],
  [/text[_ -]?encoder|clip|t5|umt5|llm|gemma|qwen[_-]?\d/i, "text_encoders"],
  [/ultralytics|yolo|bbox|segm/i, "ultralytics"],
  [/\bsams?\b|sam[_-]vit/i, "sams"],
  [/embedding|textual[_ -]?inversion/i, "embeddings"],
  [/style[_ -]?model/i, "style_models"],
  [/ckpt|checkpoint/i, "checkpoints"],
];

/** The most likely models folder for a file found in an unknown node; checkpoints when nothing hints. */
export function inferFolder(hints: { widgetName?: string; nodeType: string; fileName: string }): string {
  for (const text of [hints.widgetName, hints.nodeType, hints.fileName]) {
    if (!text) continue;
    const match = FOLDER_HINTS.find(([pattern]) => pattern.test(text));
    if (match) return match[1];
  }
  return "checkpoints";
}
