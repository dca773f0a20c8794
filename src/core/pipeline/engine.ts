// Runs the resolve → download → verify phases for a run's missing models with real resolvers and the download engine.
// Shared by the worker (Postgres stores) and the CLI (local stores): they differ only in the stores and callbacks.
import type { LogLevel, Settings } from "../config/schema";
import { createDownloader, type TargetLock } from "../download";
import { hostPolicy, type ApiTokens, type UpstreamEndpoints } from "../net";
import { createResolver, type ResolverStats, type SearchCache } from "../resolve";
import type { Resolution } from "../model";
import { MODEL_FILE_PATTERN } from "../registry";
import type { ModelLink } from "../workflow";
import { createPhaseClock, type PhaseListener, type PhaseTimings } from "./phase-clock";
import { runModelPipeline, type DownloadProgress, type ModelUpdate, type PipelineModel } from "./run-models";

/**
 * Embeddings and inline LoRAs are named without an extension; ComfyUI finds them by name plus extension, so the
 * file keeps the extension of the file the source publishes (EasyNegative → EasyNegative.safetensors).
 */
export function targetWithExtension(targetPath: string, resolution: Resolution): string {
  if (MODEL_FILE_PATTERN.test(targetPath)) return targetPath;
  const published =
    resolution.candidates.find((candidate) => candidate.url === resolution.url)?.fileName ??
    (resolution.url ? decodeURIComponent(new URL(resolution.url).pathname.split("/").pop() ?? "") : "");
  const extension = published.match(MODEL_FILE_PATTERN)?.[0];
  return extension ? targetPath + extension : targetPath;
}

export type EngineOptions = {
  settings: Settings;
  tokens: ApiTokens;
  endpoints: UpstreamEndpoints;
  searchCache: SearchCache;
  targetLock?: TargetLock;
  links: ModelLink[];
  modelsRoot: string;
  dryRun: boolean;
  signal: AbortSignal;
  update(model: PipelineModel, update: ModelUpdate): Promise<void>;
  progress(model: PipelineModel, progress: DownloadProgress): void;
  log(level: LogLevel, message: string): void;
  /** Told when the resolution, download and verification phases start and finish. */
  onPhase?: PhaseListener;
};

export type EngineResult = {
  /** Wall-clock time of each phase (they overlap: downloads start while other models are still searched). */
  timings: PhaseTimings;
  stats: ResolverStats;
};

export async function fetchMissingModels(models: PipelineModel[], options: EngineOptions): Promise<EngineResult> {
  const { settings } = options;
  const resolver = createResolver({
    settings,
    tokens: options.tokens,
    endpoints: options.endpoints,
    cache: options.searchCache,
    links: options.links,
    log: options.log,
  });
  const downloader = createDownloader({
    settings: settings.download,
    policy: hostPolicy({
      allowedHosts: settings.download.allowed_hosts,
      allowPrivateNetworks: settings.download.allow_private_networks,
      endpoints: options.endpoints,
    }),
    tokens: options.tokens,
    endpoints: options.endpoints,
    lock: options.targetLock,
    log: options.log,
  });
  const clock = createPhaseClock(options.onPhase);
  try {
    await runModelPipeline(models, {
      resolve: (ref, signal, resolveOptions) => resolver.resolve(ref, signal, resolveOptions),
      download: (model, resolution, signal, onProgress) =>
        downloader.download(
          {
            url: resolution.url!,
            modelsRoot: options.modelsRoot,
            targetPath: targetWithExtension(model.targetPath, resolution),
            expectedSha256: resolution.sha256,
            expectedSize: resolution.size,
            // API URLs redirect to freshly presigned storage URLs, so asking again renews an expired one.
            reresolveUrl: async () => resolution.url!,
          },
          signal,
          onProgress,
        ),
      update: async (model, update) => {
        await clock.moved(model.id, update.status);
        await options.update(model, update);
      },
      progress: options.progress,
      resolveConcurrency: settings.resolve.concurrency,
      downloadConcurrency: settings.download.concurrency,
      dryRun: options.dryRun,
      signal: options.signal,
    });
  } finally {
    await downloader.close();
  }
  return { timings: await clock.finish(), stats: resolver.stats() };
}
