// What the commands start from: the workflows under the given paths, and where the models are.
import type { EngineEnv } from "../core/config/env";
import type { Settings } from "../core/config/settings";
import { buildInventory, locateModel } from "../core/inventory";
import { createFileSearchCache } from "../core/resolve/cache";
import { analyzeWorkflowFile, collectWorkflowFiles, type AnalyzeOptions, type PresenceFn, type WorkflowAnalysis } from "../core/workflow";

/** Every workflow under the paths, analysed; a path that cannot be read is an analysis with its error. */
export async function analysePaths(paths: string[], options: AnalyzeOptions = {}): Promise<WorkflowAnalysis[]> {
  const { files, errors } = await collectWorkflowFiles(paths);
  return [
    ...errors.map(({ path, error }) => ({ path, format: null, error, models: [], links: [] })),
    ...(await Promise.all(files.map((file) => analyzeWorkflowFile(file, options)))),
  ];
}

/** With --comfyui-url: what that ComfyUI says about the nodes installed there, kept in the cache folder with the upstream answers. */
export async function analyseOptionsFor(location: ModelsLocation, settings: Settings, env: EngineEnv): Promise<AnalyzeOptions> {
  if (!location.comfyuiUrl) return {};
  // Loaded only here: asking a ComfyUI needs the HTTP stack, which a local scan never loads.
  const { learnedNodesOf } = await import("../core/run/plan");
  const cache = createFileSearchCache({
    enabled: settings.cache.enabled,
    ttlHours: settings.cache.ttl_hours,
    maxSizeMb: settings.cache.max_size_mb,
    dir: env.cacheDir,
  });
  const learned = await learnedNodesOf(location.comfyuiUrl, cache, (message) => process.stderr.write(`warning: ${message}\n`));
  await cache.flush();
  return { learned };
}

export type ModelsLocation = { modelsDir?: string; extraModelPaths: string[]; comfyuiUrl?: string };

/** The flags that say where the models are, the same for every command that reads them. */
export const MODELS_LOCATION_FLAGS = {
  "models-dir": { type: "string" },
  "extra-model-paths": { type: "string", multiple: true },
  "comfyui-url": { type: "string" },
} as const;

/** Where the models are, from the flags, else COMFYUI_MODELS_DIR. */
export function modelsLocationFrom(values: { "models-dir"?: string; "extra-model-paths"?: string[]; "comfyui-url"?: string }, env: EngineEnv): ModelsLocation {
  return {
    modelsDir: values["models-dir"]?.trim() || env.modelsDir,
    extraModelPaths: values["extra-model-paths"] ?? [],
    comfyuiUrl: values["comfyui-url"]?.trim() || undefined,
  };
}

/** Presence answers from the models folder (or a running ComfyUI), or undefined when none was given. */
export async function presenceChecker(location: ModelsLocation, env: EngineEnv): Promise<PresenceFn | undefined> {
  if (!location.modelsDir && location.extraModelPaths.length === 0 && !location.comfyuiUrl) return undefined;
  const inventory = await buildInventory({ ...location, variables: env.variables });
  return (model) => locateModel(inventory, model);
}
