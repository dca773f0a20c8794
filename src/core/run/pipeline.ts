// The incremental pipeline: each missing model flows resolve → download → verify on its own, so the first download
// starts while other models are still being searched. A fault in one model's flow is that model's failure only.
import pLimit from "p-limit";
import type { Downloader, DownloadOutcome } from "../download/types";
import { errorMessage } from "../error-message";
import { withPublishedExtension } from "../install/target";
import type { Resolution, ResolutionSource } from "../model";
import type { Resolver } from "../resolve/types";
import { pendingStep, type ModelStatus } from "../status";
import { applyChange, type ModelChange, type RunModel, type RunStore } from "./ports";

export type PipelineOptions = {
  resolver: Pick<Resolver, "resolve">;
  downloader: Pick<Downloader, "download">;
  store: Pick<RunStore, "update" | "progress">;
  /** Told of every status change before it is stored (the phase clock). */
  onMoved?: (model: RunModel, status: ModelStatus) => Promise<void>;
  /** How many models are searched at once (the download engine has its own slots for the files). */
  resolveConcurrency: number;
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

/** The file name the resolved source publishes, for names written without an extension. */
function publishedName(resolution: Resolution): string | null {
  return resolution.candidates.find((candidate) => candidate.url === resolution.url)?.fileName ?? null;
}

export async function runPipeline(models: RunModel[], options: PipelineOptions): Promise<void> {
  const { signal } = options;
  const resolveLimit = pLimit(options.resolveConcurrency);
  const apply = async (model: RunModel, change: ModelChange) => {
    await options.onMoved?.(model, change.status);
    applyChange(model, change);
    await options.store.update(model, change);
  };

  const resolveOne = (model: RunModel, skipSources: ResolutionSource[] = []): Promise<Resolution | null> =>
    resolveLimit(async () => {
      if (signal.aborted) return null;
      await apply(model, { status: "resolving" });
      return options.resolver.resolve(model.ref, signal, { links: model.links, skipSources, prepareDownload: !options.dryRun });
    });

  const recordResolution = (model: RunModel, resolution: Resolution) =>
    apply(model, {
      status: RESOLUTION_OUTCOMES[resolution.status],
      resolution,
      sha256: resolution.sha256,
      size: resolution.size,
      // The install target is settled here: a name without an extension takes the published file's.
      ...(resolution.status === "resolved" && model.target ? { target: withPublishedExtension(model.target, publishedName(resolution)) } : {}),
      error: resolution.status === "resolved" || resolution.status === "ambiguous" ? null : resolution.reason,
    });

  const downloadOne = async (model: RunModel, resolution: Resolution): Promise<DownloadOutcome | null> => {
    if (signal.aborted || !model.target || !resolution.url) return null;
    const job = { url: resolution.url, target: model.target, expectedSha256: resolution.sha256, expectedSize: resolution.size };
    // A model waiting for a download slot stays resolved: "downloading" means its bytes are moving.
    return options.downloader.download(job, signal, {
      onStarted: () => apply(model, { status: "downloading", error: null }),
      onProgress: (progress) => options.store.progress(model, progress),
      onVerifying: () => apply(model, { status: "verifying" }),
    });
  };

  const flow = async (model: RunModel) => {
    const step = pendingStep(model);
    if (!step || signal.aborted) return;
    if (step === "resolve") {
      const resolution = await resolveOne(model);
      if (!resolution || signal.aborted) return;
      await recordResolution(model, resolution);
      if (resolution.status !== "resolved") return;
    }
    if (options.dryRun) return;
    const skipSources: ResolutionSource[] = [];
    for (let resolution = model.resolution; resolution;) {
      const outcome = await downloadOne(model, resolution);
      if (!outcome || outcome.status === "cancelled") return;
      if (outcome.status === "installed") {
        await apply(model, {
          status: "installed",
          target: outcome.target,
          sha256: outcome.sha256,
          bytes: outcome.bytes,
          size: outcome.bytes,
          attempts: outcome.attempts,
          error: null,
        });
        return;
      }
      // A download refused for want of a token (or an accepted license) needs the person to act, like a resolution that
      // says so: it is not a failure a retry mends.
      const status = outcome.reason === "needs_auth" ? "needs_auth" : "failed";
      const fail = (error: string) => apply(model, { status, error, bytes: outcome.bytes, attempts: outcome.attempts });
      // A workflow's or a list's link can be dead (moved, deleted): look for the same file elsewhere first.
      if (!resolution.source || !LINK_SOURCES.has(resolution.source) || outcome.reason === "disk") return fail(outcome.message);
      skipSources.push(resolution.source);
      const fallback = await resolveOne(model, skipSources);
      if (!fallback || signal.aborted) return;
      if (fallback.status !== "resolved") return fail(`${outcome.message} No other source has the file: ${fallback.reason}`);
      const linkOwner = resolution.source === "workflow" ? "workflow's" : "model list's";
      await recordResolution(model, { ...fallback, reason: `${fallback.reason} (the ${linkOwner} link failed: ${outcome.message})` });
      resolution = model.resolution;
    }
  };

  await Promise.all(
    models.map((model) =>
      flow(model).catch(async (error: unknown) => {
        if (signal.aborted) return;
        await apply(model, { status: "failed", error: errorMessage(error) }).catch(() => undefined);
      }),
    ),
  );
}
