// A run, from its workflows to its summary: plan (or pick up where it stopped) → the pipeline → the summary, in one
// place for the worker (Postgres store) and the CLI (memory store) alike.
import type { RunEventInput } from "../events";
import type { ModelStatus, RunPhase } from "../status";
import { pendingStep } from "../status";
import type { Engine } from "./engine";
import { createPhaseClock, type PipelinePhase } from "./phase-clock";
import { runPipeline } from "./pipeline";
import { planRun, type PlanOptions } from "./plan";
import type { RunModel, RunStore } from "./ports";
import { summariseRun, type RunSummary } from "./summary";

export type RunInput = Omit<PlanOptions, "onPhase" | "onWarning" | "signal"> & {
  dryRun: boolean;
  resolveConcurrency: number;
  signal: AbortSignal;
};

export type RunResult = {
  models: RunModel[];
  /** Milliseconds per phase; resolution, download and verification overlap. */
  timings: Partial<Record<RunPhase, number>>;
  cache: { hits: number; misses: number };
  summary: RunSummary;
};

/** Plans the run (or takes its saved models up again), then moves every model with work left until none has any. */
export async function runModels(input: RunInput, store: RunStore, engine: Engine): Promise<RunResult> {
  const timings: Partial<Record<RunPhase, number>> = {};
  const publish = (event: RunEventInput) => store.publish(event);
  const phase = async (name: RunPhase, state: "started" | "finished", ms?: number) => {
    if (ms !== undefined) timings[name] = (timings[name] ?? 0) + ms;
    await publish({ type: "run.phase", phase: name, state, ...(ms !== undefined ? { ms } : {}) });
  };

  let models = await store.loadModels();
  let workflowCount = input.workflows.length;
  if (models.length === 0) {
    const plan = await planRun({ ...input, onPhase: phase, onWarning: (message) => void publish({ type: "log", level: "warn", message }) });
    models = await store.savePlan(plan);
    workflowCount = plan.analyses.length;
    const missing = models.filter((model) => model.status === "missing").length;
    await publish({
      type: "log",
      level: "info",
      message: `${plan.analyses.length} workflow(s), ${models.length} model(s): ${models.length - missing} present or skipped, ${missing} missing.`,
    });
  } else {
    await publish({ type: "log", level: "info", message: "Taking the run up again where it stopped." });
  }

  const clock = createPhaseClock((name: PipelinePhase, state, ms) => phase(name, state, ms));
  const stats = () => engine.resolver.stats();
  // Loop so a model a person picks a URL for while the run goes on is downloaded before the run ends.
  const handled = new Set<string>();
  const workKey = (model: RunModel) => `${model.id}:${model.status}`;
  for (;;) {
    const pending = models.filter((model) => pendingStep(model) !== null && !handled.has(workKey(model)));
    if (pending.length === 0 || input.signal.aborted) break;
    pending.forEach((model) => handled.add(workKey(model)));
    await runPipeline(pending, {
      resolver: engine.resolver,
      downloader: engine.downloader,
      store,
      onMoved: (model, status: ModelStatus) => clock.moved(model.id, status),
      resolveConcurrency: input.resolveConcurrency,
      dryRun: input.dryRun,
      signal: input.signal,
    });
    models = await store.loadModels();
  }
  // No progress of a download that ended (or was cancelled) may arrive after the run's end.
  await store.settle();
  await clock.finish();

  const { cacheHits, cacheMisses } = stats();
  const cache = { hits: cacheHits, misses: cacheMisses };
  const summary = summariseRun({
    workflowCount,
    models: models.map((model) => ({ status: model.status, active: model.ref.active, bytes: model.bytes, resolution: model.resolution })),
    downloadMs: timings.download ?? 0,
    cache,
  });
  return { models, timings, cache, summary };
}
