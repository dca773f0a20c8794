// Which models folder a run installs into: the request's, else the settings', else COMFYUI_MODELS_DIR.
import { isAbsolute } from "node:path";
import type { Settings } from "../../core/config/schema";
import type { ServerEnv } from "../env";
import { AppError } from "../errors";

export function modelsRootFor(settings: Settings, env: Pick<ServerEnv, "engine">, requested?: string): string {
  const root = requested?.trim() || settings.paths.models_root.trim() || env.engine.modelsDir || "";
  if (!root) {
    throw new AppError("BAD_REQUEST", "No models folder is set. Set the models root under Settings (or COMFYUI_MODELS_DIR), or give one with the run.");
  }
  if (!isAbsolute(root)) throw new AppError("BAD_REQUEST", `The models root must be an absolute path on the server, not "${root}".`);
  return root;
}
