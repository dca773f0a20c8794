// The models folders runs and the inventory may use: the ones an admin configured (Settings → Paths) and
// COMFYUI_MODELS_DIR. A caller picks one of them; a path that is not on the list is refused, never scanned or written.
import { isAbsolute, normalize } from "node:path";
import type { Settings } from "../../core/config/schema";
import type { ServerEnv } from "../env";
import { AppError } from "../errors";

const canonical = (path: string) => normalize(path.trim()).replace(/(.)[\\/]+$/, "$1");

/** The allowed roots, the default first: the settings' models root, the other roots, then COMFYUI_MODELS_DIR. */
export function modelsRootsOf(settings: Settings, env: Pick<ServerEnv, "engine">): string[] {
  const roots = [settings.paths.models_root, ...settings.paths.models_roots, env.engine.modelsDir ?? ""].map((root) => root.trim()).filter(Boolean);
  return [...new Set(roots.map(canonical))];
}

/** Settings an admin saves must name absolute folders; relative ones would depend on where the server started. */
export function assertAbsoluteRoots(settings: Settings): void {
  for (const root of [settings.paths.models_root, ...settings.paths.models_roots]) {
    if (root.trim() && !isAbsolute(root.trim())) throw new AppError("BAD_REQUEST", `A models root must be an absolute path on the server, not "${root}".`);
  }
}

/** The root a run or inventory uses: the requested one when it is allowed, else the default. */
export function modelsRootFor(settings: Settings, env: Pick<ServerEnv, "engine">, requested?: string): string {
  const roots = modelsRootsOf(settings, env);
  if (roots.length === 0) {
    throw new AppError("BAD_REQUEST", "No models folder is set. An admin sets the models root under Settings → Paths (or COMFYUI_MODELS_DIR).");
  }
  if (!requested?.trim()) return roots[0]!;
  const wanted = canonical(requested);
  if (roots.includes(wanted)) return wanted;
  throw new AppError(
    "FORBIDDEN",
    `${requested.trim()} is not one of the models roots an admin configured (${roots.join(", ")}). Pick one of those, or ask an admin to add it under Settings → Paths.`,
  );
}
