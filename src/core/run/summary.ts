// A run's result: the old tool's summary fields (so scripts written against it still read ComfyFixer's output),
// plus the outcome a person acts on: was everything installed, and if not, what is left to do.
import { z } from "zod";
import { modelStatusRule, type AttentionReason, type ModelStatus } from "../status";

const AttentionCountsSchema = z.object({
  /** Ambiguous: a person picks one of the candidates. */
  choose: z.number(),
  /** Needs a token (or a license accepted, or early access). */
  token: z.number(),
  not_found: z.number(),
  failed: z.number(),
  /** Names that cannot be installed safely. */
  refused: z.number(),
  /** In the install, but not where ComfyUI looks for them: a person moves them. */
  misplaced: z.number(),
  /** Loaded by a node nobody knows, with no sign of its folder: a person says where it goes. */
  unplaced: z.number(),
});
export type AttentionCounts = z.infer<typeof AttentionCountsSchema>;

export const RunSummarySchema = z.object({
  workflows_scanned: z.number(),
  models_found: z.number(),
  models_missing: z.number(),
  models_resolved: z.number(),
  models_downloaded: z.number(),
  models_failed: z.number(),
  bytes_downloaded: z.number(),
  /** Bytes per second over the time spent downloading. */
  average_rate: z.number().nullable(),
  cache_hits: z.number(),
  cache_misses: z.number(),
  /** Every model the workflows use (active nodes) is on disk where ComfyUI looks. */
  all_installed: z.boolean(),
  needs_attention: AttentionCountsSchema,
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** What a run leaves for a person: all installed, or how many models need what. */
export const RunOutcomeSchema = RunSummarySchema.pick({ all_installed: true, needs_attention: true });
export type RunOutcome = z.infer<typeof RunOutcomeSchema>;

export type SummarisedModel = { status: ModelStatus; active: boolean; bytes: number; resolution: { status: string } | null };

/** What is left for a person, by reason. A skipped model that a working node uses was found in the wrong place. */
export function attentionOf(models: readonly Pick<SummarisedModel, "status" | "active">[]): AttentionCounts {
  const counts: AttentionCounts = { choose: 0, token: 0, not_found: 0, failed: 0, refused: 0, misplaced: 0, unplaced: 0 };
  for (const model of models) {
    const reason: AttentionReason | null = modelStatusRule(model.status).attention;
    if (reason) counts[reason]++;
    else if (model.status === "skipped" && model.active) counts.misplaced++;
  }
  return counts;
}

/** The outcome of a run's models: every model a working node uses is where ComfyUI looks, or what is left. */
export function outcomeOf(models: readonly Pick<SummarisedModel, "status" | "active">[]): RunOutcome {
  return { all_installed: models.every((model) => !model.active || modelStatusRule(model.status).satisfied), needs_attention: attentionOf(models) };
}

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
    ...outcomeOf(input.models),
  };
}

/** One line a person reads first: all installed, or what needs them. */
export function outcomeLine(summary: RunOutcome): string {
  if (summary.all_installed) return "All installed.";
  const { choose, token, not_found, failed, refused, misplaced, unplaced } = summary.needs_attention;
  const parts = [
    choose && `${choose} to choose`,
    token && `${token} need${token === 1 ? "s" : ""} a token`,
    not_found && `${not_found} not found`,
    failed && `${failed} failed`,
    refused && `${refused} refused`,
    misplaced && `${misplaced} in the wrong folder`,
    unplaced && `${unplaced} with no known folder`,
  ].filter(Boolean);
  return `Needs attention: ${parts.length > 0 ? parts.join(", ") : "some models are not installed"}.`;
}
