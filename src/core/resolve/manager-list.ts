// ComfyUI-Manager's model-list.json: its entries, and the folder each one is saved to, as Manager decides it
// (Comfy-Org/ComfyUI-Manager@f39cbd56 glob/manager_server.py:106-124 `model_dir_name_map` and :391-439 `get_model_dir`).
import { z } from "zod";
import { canonicalFolder } from "../registry/folders";
import { withoutTrailing } from "../text";

/** The URL of the list ComfyUI-Manager publishes, read by default as a model list. */
export const COMFYUI_MANAGER_MODEL_LIST = "https://raw.githubusercontent.com/Comfy-Org/ComfyUI-Manager/main/model-list.json";

export const ManagerListEntrySchema = z.object({
  name: z.string().optional(),
  type: z.string().optional(),
  base: z.string().optional(),
  save_path: z.string().optional(),
  reference: z.string().optional(),
  filename: z.string().min(1),
  url: z.string().min(1),
  size: z.string().optional(),
  sha256: z.string().optional().nullable(),
});
export type ManagerListEntry = z.infer<typeof ManagerListEntrySchema>;
export const ManagerListSchema = z.object({ models: z.array(z.unknown()) });

/** manager_server.py:106-124: where `save_path: "default"` puts a file, by its `type`. */
const DEFAULT_FOLDER_BY_TYPE: Readonly<Record<string, string>> = {
  checkpoint: "checkpoints",
  checkpoints: "checkpoints",
  unclip: "checkpoints",
  clip: "text_encoders",
  text_encoders: "text_encoders",
  vae: "vae",
  lora: "loras",
  "t2i-adapter": "controlnet",
  "t2i-style": "controlnet",
  controlnet: "controlnet",
  clip_vision: "clip_vision",
  gligen: "gligen",
  upscale: "upscale_models",
  embedding: "embeddings",
  embeddings: "embeddings",
  unet: "diffusion_models",
  diffusion_model: "diffusion_models",
};

/** Where Manager saves an entry: a folder key and subfolder, or a path inside a node pack (no folder key). */
export type ManagerFolder = { folderKey: string | null; folder: string };

export function managerFolder(entry: Pick<ManagerListEntry, "save_path" | "type">): ManagerFolder {
  const savePath = withoutTrailing((entry.save_path ?? "default").replace(/\\/g, "/"), "/");
  if (savePath === "default") {
    const key = DEFAULT_FOLDER_BY_TYPE[(entry.type ?? "").toLowerCase()] ?? "etc";
    return { folderKey: key, folder: key };
  }
  if (savePath.includes("..") || savePath.startsWith("/")) return { folderKey: "etc", folder: "etc" };
  if (savePath.startsWith("custom_nodes")) return { folderKey: null, folder: savePath };
  const [first = "", ...rest] = savePath.split("/");
  const key = canonicalFolder(first);
  return { folderKey: key, folder: [key, ...rest].join("/") };
}
