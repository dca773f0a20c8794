// A run's result in the old tool's words, so scripts written against it still read ComfyFixer's output.
import type { ModelStatus } from "../model";

export type RunSummary = {
  workflows_scanned: number;
  models_found: number;
  models_missing: number;
  models_resolved: number;
  models_downloaded: number;
  models_failed: number;
  bytes_downloaded: number;
  /** Bytes per second over the time spent downloading. */
  average_rate: number | null;
  cache_hits: number;
  cache_misses: number;
};

export type SummarisedModel = { status: ModelStatus; bytes: number; resolution: { status: string } | null };

export function summariseRun(input: {
  workflowCount: number;
  models: SummarisedModel[];
  downloadMs: number;
  cache: { hits: number; misses: number };
}): RunSummary {
  const installed = input.models.filter((model) => model.status === "installed");
  const bytes = installed.reduce((sum, model) => sum + model.bytes, 0);
  return {
    workflows_scanned: input.workflowCount,
    models_found: input.models.length,
    models_missing: input.models.filter((model) => model.status !== "present" && model.status !== "skipped").length,
    models_resolved: input.models.filter((model) => model.resolution?.status === "resolved").length,
    models_downloaded: installed.length,
    models_failed: input.models.filter((model) => model.status === "failed").length,
    bytes_downloaded: bytes,
    average_rate: input.downloadMs > 0 && bytes > 0 ? Math.round(bytes / (input.downloadMs / 1000)) : null,
    cache_hits: input.cache.hits,
    cache_misses: input.cache.misses,
  };
}
