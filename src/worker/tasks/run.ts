// The run queue's processor: claim the run → run its models (plan or resume, pipeline) → finish it.
import { errorMessage } from "../../core/error-message";
import { createEngine, runModels, type RunResult } from "../../core/run";
import { attentionOf } from "../../core/run/summary";
import { withDbRetry } from "../../server/db/retry";
import { claimRun, finishRun, handBackRun } from "../../server/services/run-lifecycle";
import { RunOverridesSchema } from "../../server/services/run-schemas";
import { workflowSource } from "../../server/services/run-workflows";
import { SecretKeyMismatchError } from "../../server/secrets/secret-box";
import { getSettings, getTokens } from "../../server/services/settings";
import { createPostgresSearchCache } from "../../server/stores/search-cache";
import { createPostgresTargetLock } from "../../server/stores/target-lock";
import { createPostgresRunStore } from "../run/postgres-run-store";
import { watchRun } from "../run/watch";
import type { TaskProcessor } from "./context";

export class RunInterruptedError extends Error {}

export const runTask: TaskProcessor<"run"> = async ({ runId }, context) => {
  const { db, env, log } = context;
  const run = await claimRun(db, runId, context.workerId, env.staleRunSeconds);
  if (!run) return log(`run ${runId} is finished, cancelled, gone or taken by another live worker; nothing to do`);
  const overrides = RunOverridesSchema.safeParse(run.options).data ?? {};
  const saved = await withDbRetry(() => getSettings(db));
  // A run's own overrides (the CLI's --concurrency through --server) win over the saved settings.
  const settings = { ...saved, download: { ...saved.download, concurrency: overrides.concurrency ?? saved.download.concurrency } };
  let tokens: Awaited<ReturnType<typeof getTokens>>;
  try {
    tokens = await withDbRetry(() => getTokens(db, env));
  } catch (error) {
    if (!(error instanceof SecretKeyMismatchError)) throw error;
    // Another machine's key sealed the tokens: the run cannot use them, and says why rather than failing on 401s.
    log(`run ${runId} failed: ${error.message}`);
    await finishRun(db, runId, { status: "failed", summary: emptySummary([]), timings: {}, error: error.message });
    return;
  }

  const store = createPostgresRunStore(db, runId, log);
  const controller = new AbortController();
  const watcher = watchRun(db, runId, controller, log);
  const onShutdown = () => controller.abort(new RunInterruptedError("the worker is shutting down"));
  context.shutdown.addEventListener("abort", onShutdown, { once: true });
  const targetLock = createPostgresTargetLock(env.databaseUrl);
  const searchCache = createPostgresSearchCache(db, settings.cache);
  const engine = createEngine({
    settings,
    env: env.engine,
    tokens: { civitai: tokens.civitai_api_token ?? null, huggingface: tokens.hf_token ?? null },
    searchCache,
    targetLock,
    log: (level, message) => void store.publish({ type: "log", level, message }),
  });
  let result: RunResult | null = null;
  try {
    await store.publish({ type: "run.status", status: "running" });
    const workflows = (await db.runWorkflow.findMany({ where: { runId }, select: { path: true, content: true }, orderBy: { createdAt: "asc" } })).map(
      workflowSource,
    );
    do {
      result = await runModels(
        {
          workflows,
          modelsRoot: run.modelsRoot,
          comfyuiUrl: settings.paths.comfyui_url || undefined,
          nodeFolderCache: searchCache,
          variables: env.engine.variables,
          includeInactive: overrides.includeInactive ?? false,
          dryRun: run.dryRun,
          resolveConcurrency: settings.resolve.concurrency,
          signal: controller.signal,
        },
        store,
        engine,
      );
      if (controller.signal.reason instanceof RunInterruptedError) throw controller.signal.reason;
    } while (
      !(await finishRun(db, runId, { status: controller.signal.aborted ? "cancelled" : "completed", summary: result.summary, timings: result.timings }))
    );
  } catch (error) {
    if (error instanceof RunInterruptedError || controller.signal.reason instanceof RunInterruptedError) {
      // Hand the run back: the job is retried and the next worker resumes it.
      await handBackRun(db, runId, result?.timings ?? {}).catch(() => undefined);
      throw error;
    }
    const message = errorMessage(error);
    log(`run ${runId} failed: ${message}`);
    const models = await store.loadModels().catch(() => []);
    const summary = result?.summary ?? emptySummary(models.map((model) => ({ status: model.status, active: model.ref.active })));
    await finishRun(db, runId, { status: "failed", summary, timings: result?.timings ?? {}, error: message });
  } finally {
    watcher.stop();
    context.shutdown.removeEventListener("abort", onShutdown);
    await engine.close().catch(() => undefined);
    await targetLock.close?.();
  }
};

function emptySummary(models: Array<{ status: RunResult["models"][number]["status"]; active: boolean }>): RunResult["summary"] {
  return {
    workflows_scanned: 0,
    models_found: models.length,
    models_missing: 0,
    models_resolved: 0,
    models_downloaded: 0,
    models_failed: 0,
    bytes_downloaded: 0,
    average_rate: null,
    cache_hits: 0,
    cache_misses: 0,
    all_installed: false,
    needs_attention: attentionOf(models),
  };
}
