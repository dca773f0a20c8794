// `comfyfixer run` without a server: the engine's run in this process, kept in memory, with local caches and file locks.
import type { EngineEnv } from "../../core/config/env";
import { LOG_LEVELS, type Settings } from "../../core/config/schema";
import { createFileSearchCache } from "../../core/resolve";
import { createEngine, createMemoryRunStore, runModels, type RunModel, type WorkflowSource } from "../../core/run";
import type { ProgressDisplay } from "../progress";
import { buildRunReport, type RunReport, type RunReportModel } from "./report";

export type LocalRunOptions = {
  workflows: WorkflowSource[];
  modelsRoot: string;
  extraModelPaths: string[];
  settings: Settings;
  env: EngineEnv;
  dryRun: boolean;
  includeInactive: boolean;
  display: ProgressDisplay;
  signal: AbortSignal;
};

const label = (model: RunModel) => `${model.ref.folder}/${model.ref.name}`;

export function reportModelOf(model: RunModel): RunReportModel {
  const foundElsewhere = model.status === "present" || model.status === "skipped";
  return {
    name: model.ref.name,
    folder: model.ref.folder,
    nodeType: model.ref.nodeType,
    active: model.ref.active,
    workflows: model.workflows,
    status: model.status,
    path: (foundElsewhere ? model.foundAt : null) ?? model.target?.absolutePath ?? null,
    sha256: model.sha256,
    bytes: model.bytes,
    error: model.error,
    resolution: model.resolution,
  };
}

export async function runLocally(options: LocalRunOptions): Promise<RunReport> {
  const { display, settings, env } = options;
  const logged = (level: (typeof LOG_LEVELS)[number]) => LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(settings.logging.level);
  const store = createMemoryRunStore({
    onChange: (model, change) => display.status(label(model), change.status, change.error ?? (change.status === "resolved" ? change.resolution?.reason : null)),
    onProgress: (model, progress) => display.progress(label(model), progress.bytes, progress.total, progress.rate),
    onEvent: (event) => {
      if (event.type === "log" && logged(event.level)) display.log(event.level === "info" ? event.message : `${event.level}: ${event.message}`);
    },
  });
  const searchCache = createFileSearchCache({
    enabled: settings.cache.enabled,
    ttlHours: settings.cache.ttl_hours,
    maxSizeMb: settings.cache.max_size_mb,
    dir: env.cacheDir,
  });
  const engine = createEngine({ settings, env, tokens: env.tokens, searchCache, log: (level, message) => void store.publish({ type: "log", level, message }) });
  try {
    const result = await runModels(
      {
        workflows: options.workflows,
        modelsRoot: options.modelsRoot,
        extraModelPaths: options.extraModelPaths,
        comfyuiUrl: settings.paths.comfyui_url || undefined,
        nodeFolderCache: searchCache,
        variables: env.variables,
        includeInactive: options.includeInactive,
        dryRun: options.dryRun,
        resolveConcurrency: settings.resolve.concurrency,
        signal: options.signal,
      },
      store,
      engine,
    );
    const workflows = (store.plan?.analyses ?? []).map((analysis) => ({ path: analysis.path, format: analysis.format, error: analysis.error }));
    return buildRunReport(workflows, result.models.map(reportModelOf), result.summary);
  } finally {
    display.stop();
    await engine.close();
    await searchCache.flush();
  }
}
