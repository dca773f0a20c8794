// `comfyfixer run` without a server: the whole pipeline in this process, with local caches and file locks.
import { LOG_LEVELS, type Settings } from "../../core/config/schema";
import { fetchMissingModels } from "../../core/pipeline/engine";
import { modelKey } from "../../core/model";
import { planRun, type WorkflowSource } from "../../core/pipeline/plan";
import type { PipelineModel } from "../../core/pipeline/run-models";
import { summariseRun } from "../../core/pipeline/summary";
import { locateModel } from "../../core/inventory";
import { upstreamEndpoints } from "../../core/net";
import { createFileSearchCache } from "../../core/resolve";
import { buildAnalysisReport } from "../../core/workflow";
import type { ProgressDisplay } from "../progress";
import { buildRunReport, type FinalModelState, type RunReport } from "./report";

export type LocalRunOptions = {
  workflows: WorkflowSource[];
  modelsRoot: string;
  extraModelPaths: string[];
  settings: Settings;
  dryRun: boolean;
  includeInactive: boolean;
  display: ProgressDisplay;
  signal: AbortSignal;
};

export async function runLocally(options: LocalRunOptions): Promise<RunReport> {
  const { display, settings } = options;
  const plan = await planRun({
    workflows: options.workflows,
    modelsRoot: options.modelsRoot,
    extraModelPaths: options.extraModelPaths,
    comfyuiUrl: settings.paths.comfyui_url || undefined,
    includeInactive: options.includeInactive,
    signal: options.signal,
    onWarning: (message) => display.log(`warning: ${message}`),
  });

  const final = new Map<string, FinalModelState>();
  for (const model of plan.models) {
    final.set(modelKey(model.ref), {
      status: model.status,
      path: model.presence?.path ?? null,
      sha256: null,
      bytes: 0,
      error: model.message,
      resolution: null,
    });
  }
  const pipelineModels: PipelineModel[] = plan.models
    .filter((model) => model.status === "missing")
    .map((model) => ({ id: modelKey(model.ref), ref: model.ref, targetPath: model.targetPath, status: "missing", resolution: null }));
  display.log(`${plan.analyses.length} workflow(s), ${plan.models.length} model(s), ${pipelineModels.length} missing.`);

  const tokens = { civitai: process.env.CIVITAI_API_TOKEN ?? null, huggingface: process.env.HF_TOKEN ?? null };
  const result = await fetchMissingModels(pipelineModels, {
    settings,
    tokens,
    endpoints: upstreamEndpoints(),
    searchCache: createFileSearchCache({ enabled: settings.cache.enabled, ttlHours: settings.cache.ttl_hours, maxSizeMb: settings.cache.max_size_mb }),
    links: plan.links,
    modelsRoot: options.modelsRoot,
    dryRun: options.dryRun,
    signal: options.signal,
    async update(model, update) {
      const previous = final.get(model.id)!;
      final.set(model.id, {
        status: update.status,
        path: update.path ?? previous.path,
        sha256: update.sha256 ?? previous.sha256,
        bytes: update.bytes ?? previous.bytes,
        error: update.error === undefined ? previous.error : update.error,
        resolution: update.resolution ?? previous.resolution,
      });
      const detail = update.error ?? (update.status === "resolved" ? update.resolution?.reason : null);
      display.status(`${model.ref.folder}/${model.ref.name}`, update.status, detail);
    },
    progress(model, progress) {
      display.progress(`${model.ref.folder}/${model.ref.name}`, progress.bytes, progress.total, progress.rate);
    },
    log: (level, message) => {
      if (LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(settings.logging.level)) display.log(`${level}: ${message}`);
    },
  });
  display.stop();

  const analysis = buildAnalysisReport(plan.analyses, (ref) => locateModel(plan.inventory, ref));
  const summary = summariseRun({
    workflowCount: plan.analyses.length,
    models: [...final.values()],
    downloadMs: result.timings.download,
    cache: { hits: result.stats.cacheHits, misses: result.stats.cacheMisses },
  });
  return buildRunReport(analysis, (key) => final.get(key), summary);
}
