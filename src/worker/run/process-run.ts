// The worker's run job: analysis → inventory → each missing model resolved, downloaded and verified on its own.
import type { Settings } from "../../core/config/schema";
import { upstreamEndpoints } from "../../core/net";
import { analyseSources, planRun, type WorkflowSource } from "../../core/pipeline/plan";
import { fetchMissingModels } from "../../core/pipeline/engine";
import { pendingStep } from "../../core/pipeline/run-models";
import { summariseRun } from "../../core/pipeline/summary";
import type { ModelLink } from "../../core/workflow";
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../../server/db/client";
import { getSettings, getTokens } from "../../server/services/settings";
import { workflowSource } from "../../server/services/run-workflows";
import { createPostgresSearchCache } from "../../server/stores/search-cache";
import { createPostgresTargetLock } from "../../server/stores/target-lock";
import { withDbRetry } from "../../server/db/retry";
import { createRunStore, type RunStore } from "./store";
import { watchRun } from "./watch";

export type ProcessRunContext = {
  db: Db;
  databaseUrl: string;
  /** Aborts when the worker shuts down: the run goes back to the queue for the next worker. */
  shutdown: AbortSignal;
  setCurrentRun(runId: string | null): void;
  log(message: string): void;
};

export class RunInterruptedError extends Error {}

type Timings = Record<string, number>;

async function claimRun(db: Db, runId: string) {
  const [run] = await db.$queryRaw<Array<{ id: string; status: string }>>`
    UPDATE "Run" SET status = 'running', "startedAt" = COALESCE("startedAt", now()), "heartbeatAt" = now()
    WHERE id = ${runId}::uuid AND status IN ('queued', 'running') AND NOT "cancelRequested"
    RETURNING id, status`;
  return run ?? null;
}

async function planAndSave(
  store: RunStore,
  run: { modelsRoot: string; options: Record<string, unknown> },
  settings: Settings,
  workflows: WorkflowSource[],
  signal: AbortSignal,
  timings: Timings,
) {
  const plan = await planRun({
    workflows,
    modelsRoot: run.modelsRoot,
    comfyuiUrl: settings.paths.comfyui_url || undefined,
    includeInactive: run.options.includeInactive === true,
    signal,
    onPhase: (phase, state, ms) => {
      if (ms !== undefined) timings[phase] = ms;
      return store.phase(phase, state, ms);
    },
    onWarning: (message) => void store.publish({ type: "log", status: "warn", message }),
  });
  await store.savePlan(plan);
  const missing = plan.models.filter((model) => model.status === "missing").length;
  await store.publish({
    type: "log",
    status: "info",
    message: `${plan.analyses.length} workflow(s), ${plan.models.length} model(s): ${plan.models.length - missing} present or skipped, ${missing} missing.`,
  });
  return plan;
}

export async function processRun(runId: string, context: ProcessRunContext): Promise<void> {
  const { db, log } = context;
  const claimed = await withDbRetry(() => claimRun(db, runId));
  if (!claimed) {
    log(`run ${runId} is finished, cancelled or gone; nothing to do`);
    return;
  }
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  const store = createRunStore(db, runId, log);
  const controller = new AbortController();
  const watcher = watchRun(db, runId, controller, log);
  const onShutdown = () => controller.abort(new RunInterruptedError("the worker is shutting down"));
  context.shutdown.addEventListener("abort", onShutdown, { once: true });
  context.setCurrentRun(runId);
  const timings: Timings = { ...(run.phaseTimings as Timings) };
  const options = run.options as Record<string, unknown>;

  try {
    await store.publish({ type: "run.status", status: "running" });
    let models = await store.loadModels();
    const settings = await getSettings(db);
    if (typeof options.concurrency === "number") settings.download.concurrency = options.concurrency;
    const workflows = (await db.runWorkflow.findMany({ where: { runId }, select: { path: true, content: true }, orderBy: { createdAt: "asc" } })).map(
      workflowSource,
    );
    let links: ModelLink[];
    if (models.length === 0) {
      links = (await planAndSave(store, { modelsRoot: run.modelsRoot, options }, settings, workflows, controller.signal, timings)).links;
      models = await store.loadModels();
    } else {
      await store.publish({ type: "log", status: "info", message: "Taking the run up again where it stopped." });
      // The download links workflows share by name are not stored per model: read them again.
      links = (await analyseSources(workflows)).flatMap((analysis) => analysis.links);
    }

    const tokens = await getTokens(db);
    const searchCache = createPostgresSearchCache(db, settings.cache);
    const targetLock = createPostgresTargetLock(context.databaseUrl);
    let cache = { hits: 0, misses: 0 };
    const handled = new Set<string>();
    try {
      // Loop so a model a person picks a URL for while the run is going is downloaded before the run ends.
      for (;;) {
        const pending = models.filter((model) => pendingStep(model) !== null && !handled.has(`${model.id}:${model.status}`));
        if (pending.length === 0 || controller.signal.aborted) break;
        pending.forEach((model) => handled.add(`${model.id}:${model.status}`));
        const result = await fetchMissingModels(pending, {
          settings,
          tokens: { civitai: tokens.civitai_api_token, huggingface: tokens.hf_token },
          endpoints: upstreamEndpoints(),
          searchCache,
          targetLock,
          links,
          modelsRoot: run.modelsRoot,
          dryRun: run.dryRun,
          signal: controller.signal,
          update: store.update,
          progress: store.progress,
          log: (level, message) => void store.publish({ type: "log", status: level, message }),
          onPhase: store.phase,
        });
        for (const [phase, ms] of Object.entries(result.timings)) timings[phase] = (timings[phase] ?? 0) + ms;
        cache = { hits: cache.hits + result.stats.cacheHits, misses: cache.misses + result.stats.cacheMisses };
        models = await store.loadModels();
      }
    } finally {
      await targetLock.close?.();
    }

    if (controller.signal.reason instanceof RunInterruptedError) throw controller.signal.reason;
    await finishRun(db, store, runId, controller.signal.aborted ? "cancelled" : "completed", { timings, cache });
  } catch (error) {
    if (error instanceof RunInterruptedError || controller.signal.reason instanceof RunInterruptedError) {
      // Hand the run back: the job is retried and the next worker resumes it.
      await db.run.update({ where: { id: runId }, data: { status: "queued", phaseTimings: timings } }).catch(() => undefined);
      throw error;
    }
    const message = error instanceof Error ? error.message : String(error);
    log(`run ${runId} failed: ${message}`);
    await finishRun(db, store, runId, "failed", { timings, cache: { hits: 0, misses: 0 } }, message);
  } finally {
    watcher.stop();
    context.shutdown.removeEventListener("abort", onShutdown);
    context.setCurrentRun(null);
  }
}

async function finishRun(
  db: Db,
  store: RunStore,
  runId: string,
  status: "completed" | "cancelled" | "failed",
  result: { timings: Timings; cache: { hits: number; misses: number } },
  error?: string,
) {
  const rows = await db.modelRef.findMany({ where: { runId }, select: { status: true, bytes: true, resolution: true } });
  const workflowCount = await db.runWorkflow.count({ where: { runId } });
  const summary = summariseRun({
    workflowCount,
    models: rows.map((row) => ({ status: row.status, bytes: Number(row.bytes), resolution: row.resolution as { status: string } | null })),
    downloadMs: result.timings.download ?? 0,
    cache: result.cache,
  });
  await withDbRetry(() =>
    db.run.update({
      where: { id: runId },
      data: { status, summary: summary as Prisma.InputJsonObject, phaseTimings: result.timings, finishedAt: new Date(), error: error ?? null },
    }),
  );
  await store.publish({ type: "run.finished", status, message: error, data: { summary } });
}
