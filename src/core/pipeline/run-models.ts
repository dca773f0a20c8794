// The incremental pipeline: each missing model flows resolve → download → verify on its own,
// so the first download starts while other models are still being searched.
import pLimit from "p-limit";
import type { ModelRef, ModelStatus, Resolution, ResolutionSource } from "../model";
import type { ResolveOptions } from "../resolve/types";

export type PipelineModel = {
  /** Stable key: the database id, or folder/name in the CLI. */
  id: string;
  ref: ModelRef;
  /** Where the file goes: inside the models root, in the folder ComfyUI reads. */
  targetPath: string;
  status: ModelStatus;
  resolution: Resolution | null;
};

export type DownloadProgress = { bytes: number; total: number | null; rate: number; etaSeconds: number | null };

export type DownloadOutcome = {
  status: "installed" | "failed";
  path: string;
  sha256: string | null;
  bytes: number;
  error?: string;
  attempts?: number;
};

export type ModelUpdate = {
  status: ModelStatus;
  resolution?: Resolution;
  path?: string;
  sha256?: string | null;
  size?: number | null;
  bytes?: number;
  error?: string | null;
  attempts?: number;
};

export type PipelineDeps = {
  resolve(ref: ModelRef, signal: AbortSignal, options: ResolveOptions): Promise<Resolution>;
  download(model: PipelineModel, resolution: Resolution, signal: AbortSignal, onProgress: (progress: DownloadProgress) => void): Promise<DownloadOutcome>;
  /** Persists a status change (and publishes it); the pipeline waits for it before going on. */
  update(model: PipelineModel, update: ModelUpdate): Promise<void>;
  progress(model: PipelineModel, progress: DownloadProgress): void;
  resolveConcurrency: number;
  downloadConcurrency: number;
  dryRun: boolean;
  signal: AbortSignal;
};

/** Sources that hand over a link rather than find the file: when the link fails, the others may still have it. */
const LINK_SOURCES: ReadonlySet<ResolutionSource> = new Set(["workflow", "model_list"]);

const RESOLUTION_OUTCOMES: Record<Resolution["status"], ModelStatus> = {
  resolved: "resolved",
  ambiguous: "ambiguous",
  not_found: "not_found",
  needs_auth: "needs_auth",
  error: "failed",
};

/** Which statuses still have work to do, and where it starts. */
const NEXT_STEP: Partial<Record<ModelStatus, "resolve" | "download">> = {
  missing: "resolve",
  resolving: "resolve",
  resolved: "download",
  downloading: "download",
  verifying: "download",
};

export function pendingStep(model: Pick<PipelineModel, "status" | "resolution">): "resolve" | "download" | null {
  const step = NEXT_STEP[model.status] ?? null;
  if (step === "download" && model.resolution?.status !== "resolved") return "resolve";
  return step;
}

export async function runModelPipeline(models: PipelineModel[], deps: PipelineDeps): Promise<void> {
  const resolveLimit = pLimit(deps.resolveConcurrency);
  const downloadLimit = pLimit(deps.downloadConcurrency);
  const apply = async (model: PipelineModel, update: ModelUpdate) => {
    model.status = update.status;
    if (update.resolution) model.resolution = update.resolution;
    await deps.update(model, update);
  };

  /** Downloads; returns the outcome when the download failed (null when cancelled or installed). */
  const downloadOne = async (model: PipelineModel, resolution: Resolution): Promise<DownloadOutcome | null> => {
    if (deps.signal.aborted) return null;
    await apply(model, { status: "downloading", error: null });
    const outcome = await deps.download(model, resolution, deps.signal, (progress) => deps.progress(model, progress));
    if (deps.signal.aborted && outcome.status !== "installed") return null;
    if (outcome.status === "failed") return outcome;
    // The download engine already checked size, SHA-256 and format before the file got its name.
    await apply(model, { status: "verifying", bytes: outcome.bytes, path: outcome.path });
    await apply(model, {
      status: "installed",
      path: outcome.path,
      sha256: outcome.sha256,
      bytes: outcome.bytes,
      size: outcome.bytes,
      attempts: outcome.attempts,
    });
    return null;
  };

  const resolveOne = (model: PipelineModel, options: ResolveOptions): Promise<Resolution | null> =>
    resolveLimit(async () => {
      if (deps.signal.aborted) return null;
      await apply(model, { status: "resolving" });
      return deps.resolve(model.ref, deps.signal, options);
    });

  const recordResolution = (model: PipelineModel, resolution: Resolution) =>
    apply(model, {
      status: RESOLUTION_OUTCOMES[resolution.status],
      resolution,
      sha256: resolution.sha256,
      size: resolution.size,
      error: resolution.status === "resolved" || resolution.status === "ambiguous" ? null : resolution.reason,
    });

  const flow = async (model: PipelineModel) => {
    const step = pendingStep(model);
    if (!step || deps.signal.aborted) return;
    if (step === "resolve") {
      const resolution = await resolveOne(model, {});
      if (!resolution || deps.signal.aborted) return;
      await recordResolution(model, resolution);
      if (resolution.status !== "resolved") return;
    }
    if (deps.dryRun) return;
    const skipSources: ResolutionSource[] = [];
    for (let resolution = model.resolution; resolution;) {
      const failed = await downloadLimit(() => downloadOne(model, resolution!));
      if (!failed) return;
      const error = failed.error ?? "the download failed";
      const fail = () => apply(model, { status: "failed", error, bytes: failed.bytes, attempts: failed.attempts });
      // A workflow's or a list's link can be dead (moved, deleted): look for the same file elsewhere first.
      if (!resolution.source || !LINK_SOURCES.has(resolution.source)) return fail();
      skipSources.push(resolution.source);
      const fallback = await resolveOne(model, { skipSources });
      if (!fallback || deps.signal.aborted) return;
      if (fallback.status !== "resolved") {
        return apply(model, { status: "failed", error: `${error} No other source has the file: ${fallback.reason}`, bytes: failed.bytes });
      }
      await recordResolution(model, {
        ...fallback,
        reason: `${fallback.reason} (the ${resolution.source === "workflow" ? "workflow's" : "model list's"} link failed: ${error})`,
      });
      resolution = model.resolution;
    }
  };

  // A fault in one model's flow is that model's failure, not the run's.
  await Promise.all(
    models.map((model) =>
      flow(model).catch(async (error: unknown) => {
        if (deps.signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        await apply(model, { status: "failed", error: message }).catch(() => undefined);
      }),
    ),
  );
}
